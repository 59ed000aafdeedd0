"""Airflow DAG example: the topicpulse nightly run, once a day, through jobs/nightly.sh.

Copy to your dags/ folder and set TOPICPULSE_HOME (where topicpulse is built) and TOPICPULSE_CONF.
The script's exit code tells what happened (see docs/nightly.md): 3 means another run still holds the output,
which is worth a retry later; 2, 4 and 5 need a person, so they fail without retrying.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowFailException
from airflow.operators.python import PythonOperator

import os
import subprocess

TOPICPULSE_HOME = os.environ.get("TOPICPULSE_HOME", "/opt/topicpulse")
TOPICPULSE_CONF = os.environ.get("TOPICPULSE_CONF", TOPICPULSE_HOME + "/jobs/nightly.conf")

LOCKED = 3
NEEDS_A_PERSON = {2: "bad arguments or config", 4: "input accounting did not add up",
                  5: "tables from another extractor version: run nightly.sh --reprocess"}


def run_nightly(**_):
    result = subprocess.run([TOPICPULSE_HOME + "/jobs/nightly.sh"],
                            env=dict(os.environ, TOPICPULSE_CONF=TOPICPULSE_CONF),
                            capture_output=True, text=True)
    print(result.stdout)
    print(result.stderr)
    if result.returncode == 0:
        return
    if result.returncode == LOCKED:
        raise RuntimeError("another topicpulse run holds the output; retrying later")
    if result.returncode in NEEDS_A_PERSON:
        raise AirflowFailException(NEEDS_A_PERSON[result.returncode])
    raise RuntimeError("topicpulse nightly failed with exit code %d" % result.returncode)


with DAG(
    dag_id="topicpulse_nightly",
    start_date=datetime(2024, 11, 1),
    schedule="30 2 * * *",
    catchup=False,          # a nightly run picks up every unprocessed dump by itself; no need to replay days
    max_active_runs=1,      # the output's lock refuses a second run anyway
    default_args={"retries": 3, "retry_delay": timedelta(minutes=20)},
    tags=["topicpulse"],
) as dag:
    PythonOperator(task_id="nightly", python_callable=run_nightly,
                   execution_timeout=timedelta(hours=6))
