#!/usr/bin/env python3
"""Builds sample-data/ from the hand-written sources in articles.txt (Python 3 standard library only).

    python3 sample-data/src/generate.py

Writes the three sites' inputs (HTML files, a WARC file, JSON Lines), the broken inputs, and the expected values
(src/test/resources/sample-data/*.csv|json plus the generated tables in sample-data/EXPECTED.md). Output is
byte-for-byte reproducible: fixed timestamps, gzip mtime 0, record ids derived from article ids.

The per-article topic counts are written by hand in articles.txt ("counts:"). This script only double-checks them
with a deliberately plain regular-expression counter and stops if any hand count disagrees; the daily and summary
figures are then sums of the hand counts.
"""

import base64
import collections
import datetime as dt
import gzip
import hashlib
import html
import io
import json
import re
import struct
import sys
import uuid
import zlib
from pathlib import Path

SRC = Path(__file__).resolve().parent
SAMPLE = SRC.parent
ROOT = SAMPLE.parent
EXPECTED_DIR = ROOT / "src" / "test" / "resources" / "sample-data"
LEXICON = ROOT / "jobs" / "lexicon.yaml"

SITES = {
    "mc": ("The Meridian Courier", "https://www.meridian-courier.example"),
    "hl": ("Harbor Ledger", "https://news.harbor-ledger.example"),
    "np": ("Northgate Post", "https://northgate-post.example"),
}
TOPIC_ORDER = ["axis", "sanctions", "multipolar", "ceasefire", "tariffs", "energy", "election"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# ----------------------------------------------------------------------------------------------------------------
# Sources

class Article:
    def __init__(self, aid, fields, paragraphs):
        self.id = aid
        self.f = fields
        self.paragraphs = paragraphs
        self.site = fields["site"]
        self.url = SITES[self.site][1] + "/" + fields["path"]
        self.title = fields["title"]
        self.subtitle = fields["subtitle"]
        self.section = fields["section"]
        self.author = fields["author"]
        self.counts = parse_counts(fields.get("counts", ""))
        pub = fields["published"]
        self.published_raw = pub
        if pub == "none":
            self.published_at = None
            self.date = None
        elif "T" in pub:
            self.published_at = dt.datetime.fromisoformat(pub.replace("Z", "+00:00"))
            self.date = self.published_at.date()  # the page's own calendar day, not the UTC one
        else:
            self.published_at = None
            self.date = dt.date.fromisoformat(pub)
        if "crawl" in fields:
            self.crawl = dt.datetime.fromisoformat(fields["crawl"].replace("Z", "+00:00"))
        else:
            self.crawl = dt.datetime.combine(self.date + dt.timedelta(days=1), dt.time(5, 30),
                                             dt.timezone.utc)

    def get(self, key, default=None):
        return self.f.get(key, default)

    @property
    def sort_time(self):
        if self.published_at is not None:
            return self.published_at.astimezone(dt.timezone.utc)
        if self.date is not None:
            return dt.datetime.combine(self.date, dt.time(12, 0), dt.timezone.utc)
        return self.crawl

    @property
    def date_source(self):
        if self.date is None:
            return "none"
        if self.site == "mc":
            return "json-ld"
        if self.site == "hl":
            return "meta"
        return {"time": "time-element", "time-url": "time-element", "text": "text", "url": "url"}[self.get("style")]


def parse_counts(value):
    counts = {}
    for item in value.split():
        topic, n = item.split("=")
        if topic not in TOPIC_ORDER:
            sys.exit(f"unknown topic in counts: {topic}")
        counts[topic] = int(n)
    return counts


def read_articles():
    blocks = re.split(r"^### ", (SRC / "articles.txt").read_text(encoding="utf-8"), flags=re.M)[1:]
    articles = []
    for block in blocks:
        head, _, body = block.partition("\n\n")
        lines = head.split("\n")
        aid = lines[0].strip()
        fields = {}
        for line in lines[1:]:
            if line.startswith("#") or not line.strip():
                continue
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
        articles.append(Article(aid, fields, paragraphs))
    by_id = {a.id: a for a in articles}
    for a in articles:
        if "same_text" in a.f:
            a.paragraphs = by_id[a.f["same_text"]].paragraphs
    return articles


# ----------------------------------------------------------------------------------------------------------------
# The double-check counter: plain text of title + paragraphs, one regex per term, excludes masked out.

def read_lexicon():
    """Reads the flow-style layout of jobs/lexicon.yaml; stops if the file stops looking like that."""
    topics, current = {}, None
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if re.match(r"^  (\w+):\s*$", line):
            current = line.strip()[:-1]
            topics[current] = {"terms": [], "exclude": []}
        m = re.match(r"^    (terms|exclude): \[(.*)\]\s*$", line)
        if m:
            topics[current][m.group(1)] = [t.strip() for t in m.group(2).split(",")]
    if sorted(topics) != sorted(TOPIC_ORDER):
        sys.exit(f"jobs/lexicon.yaml topics {sorted(topics)} differ from {sorted(TOPIC_ORDER)}")
    return topics


def plain_text(fragment):
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def phrase_regex(phrase):
    # a hyphen, a space or nothing between the parts of a phrase are the same
    parts = re.split(r"[-\s]+", phrase)
    return re.compile(r"(?<!\w)" + r"[-\s]?".join(map(re.escape, parts)) + r"(?!\w)", re.I)


def count_topic(text, spec):
    excluded = [m.span() for e in spec["exclude"] for m in phrase_regex(e).finditer(text)]
    spans = set()
    for term in spec["terms"]:
        for m in phrase_regex(term).finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in excluded):
                spans.add(m.span())
    # one occurrence is one mention even when two terms match it ("multipolar" and "multi-polar")
    merged = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return len(merged)


def check_hand_counts(articles, lexicon):
    problems = []
    for a in articles:
        text = plain_text(a.title) + "\n" + "\n".join(plain_text(p) for p in a.paragraphs)
        for topic in TOPIC_ORDER:
            got = count_topic(text, lexicon[topic])
            if got != a.counts.get(topic, 0):
                problems.append(f"{a.id}: {topic} hand count {a.counts.get(topic, 0)}, regex count {got}")
            sub = count_topic(plain_text(a.subtitle), lexicon[topic])
            if sub:
                problems.append(f"{a.id}: sub-headline mentions {topic}; keep topic terms out of sub-headlines")
        words = len(" ".join(plain_text(p) for p in a.paragraphs).split())
        if a.get("broken") is None and not 80 <= words <= 300:
            problems.append(f"{a.id}: {words} words, want 80-300")
    if problems:
        sys.exit("hand counts do not check out:\n  " + "\n  ".join(problems))


# ----------------------------------------------------------------------------------------------------------------
# Page boilerplate

def esc(s):
    """Escapes for text and for double-quoted attributes; apostrophes stay as they are, as most sites do."""
    return html.escape(s, quote=False).replace('"', "&quot;")


def long_date(d):
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_us(d):
    return f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def recent(articles, page, site, n):
    """The n newest other articles of the site that were out before the page was fetched: its sidebar."""
    pool = [a for a in articles if a.site == site and a is not page and a.date is not None
            and a.get("broken") is None and a.sort_time < page.crawl]
    return sorted(pool, key=lambda a: a.sort_time, reverse=True)[:n]


def related(articles, page, n):
    shared = [a for a in recent(articles, page, page.site, 40) if set(a.counts) & set(page.counts)]
    rest = [a for a in recent(articles, page, page.site, 40) if a not in shared]
    return (shared + rest)[:n]


def story_paragraphs(a, inline_aside=None):
    out = []
    for i, p in enumerate(a.paragraphs):
        out.append(f"      <p>{p}</p>")
        if i == 1 and inline_aside and len(a.paragraphs) >= 4:
            out.append(inline_aside)
    return "\n".join(out)


def mc_page(a, articles):
    russian = a.get("file") == "cp1251"
    crawl = a.crawl.date()
    if a.get("modified"):
        modified = a.get("modified")
    else:
        modified = a.published_at.isoformat()
    news = {
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.subtitle,
        "datePublished": a.published_raw,
        "dateModified": modified,
        "author": [{"@type": "Person", "name": a.author}],
        "articleSection": a.section,
        "inLanguage": "ru" if russian else "en-GB",
        "mainEntityOfPage": a.url,
        "publisher": {"@type": "NewsMediaOrganization", "name": "The Meridian Courier",
                      "logo": {"@type": "ImageObject", "url": SITES["mc"][1] + "/static/logo.png"}},
    }
    number = int(re.sub(r"\D", "", a.id) or "0")
    if number % 2:  # half the pages wrap the article in an @graph with breadcrumbs and the publisher
        news["publisher"] = {"@id": SITES["mc"][1] + "/#org"}
        ld = {"@context": "https://schema.org", "@graph": [
            {"@type": "NewsMediaOrganization", "@id": SITES["mc"][1] + "/#org", "name": "The Meridian Courier",
             "foundingDate": "1894-03-01", "url": SITES["mc"][1] + "/"},
            {"@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": SITES["mc"][1] + "/"},
                {"@type": "ListItem", "position": 2, "name": a.section,
                 "item": SITES["mc"][1] + "/" + a.get("path").rsplit("/", 1)[0] + "/"}]},
            news]}
    else:
        ld = dict({"@context": "https://schema.org"}, **news)
    ld_json = json.dumps(ld, ensure_ascii=False, indent=1)
    extra_meta = ""
    if a.get("meta_published"):
        extra_meta = f'\n<meta property="article:published_time" content="{a.get("meta_published")}">'
    others = recent(articles, a, "mc", 5)
    aside_target = others[0] if others else None
    aside = None
    if aside_target:
        aside = (f'      <aside class="inline-related"><span class="label">{"Читайте также" if russian else "Read more"}'
                 f'</span> <a href="{aside_target.url}">{esc(aside_target.title)}</a></aside>')
    latest = "\n".join(f'        <li><a href="{o.url}">{esc(o.title)}</a> <span class="ts">{short_us(o.date)}</span></li>'
                       for o in others)
    if russian:
        today = f"Сегодня: {crawl.day} {MONTHS_RU[crawl.month - 1]} {crawl.year}"
        dateline = f"{a.date.day} {MONTHS_RU[a.date.month - 1]} {a.date.year}"
        nav = ["Мир", "Политика", "Выборы", "Экономика", "Санкции", "Культура", "Спорт"]
        nav_html = "".join(f'<li><a href="/ru/{i}/">{n}</a></li>' for i, n in enumerate(nav))
        cookie = "Мы используем файлы cookie, чтобы сайт работал лучше."
        head_charset = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        lang, latest_h, most_h, by = "ru", "Последние материалы", "Самое читаемое", "Автор:"
    else:
        today = f"Today : {short_us(crawl)}"
        dateline = long_date(a.date)
        nav_html = ('<li><a href="/world/">World</a></li><li><a href="/politics/">Politics</a></li>'
                    '<li><a href="/politics/elections/">Elections</a></li><li><a href="/business/">Business</a></li>'
                    '<li><a href="/sanctions-tracker/">Sanctions tracker</a></li>'
                    '<li><a href="/energy/oil-price-watch/">Oil price watch</a></li>'
                    '<li><a href="/culture/">Culture</a></li><li><a href="/sport/">Sport</a></li>'
                    '<li><a href="/ru/">По-русски</a></li>')
        cookie = ("We use cookies to keep you signed in, to measure our audience and to show you relevant offers. "
                  "You can change your choice at any time under Privacy settings.")
        head_charset = '<meta charset="utf-8">'
        lang, latest_h, most_h, by = "en-GB", "Latest Contents", "Most read", "By"
    section_path = a.get("path").rsplit("/", 1)[0]
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
{head_charset}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a.title)} | The Meridian Courier</title>
<meta name="description" content="{esc(a.subtitle)}">
<link rel="canonical" href="{a.url}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Meridian Courier">
<meta property="og:title" content="{esc(a.title)}">
<meta property="og:description" content="{esc(a.subtitle)}">
<meta property="og:url" content="{a.url}">{extra_meta}
<link rel="stylesheet" href="/static/css/courier.4f1c.css">
<script type="application/ld+json">
{ld_json}
</script>
<script async src="https://stats.meridian-courier.example/t.js"></script>
</head>
<body class="article-page section-{section_path.split('/')[-1]}">
<div class="cookie-consent" role="dialog" aria-label="Cookie consent"><p>{cookie}</p><button>Accept all</button> <button>Manage choices</button></div>
<header class="masthead">
  <div class="topbar"><span class="today">{today}</span> <span class="weather">London 9°C</span> <a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div>
  <a class="logo" href="/">The Meridian Courier</a>
  <nav class="main-nav" aria-label="Sections"><ul>{nav_html}</ul></nav>
</header>
<div class="ticker"><a href="/world/dalvar/">Live: Ceasefire monitor — the latest reports from Dalvar</a></div>
<main class="layout">
  <article class="story">
    <header class="story-header">
      <nav class="breadcrumb"><a href="/">Home</a> › <a href="/{section_path}/">{esc(a.section)}</a></nav>
      <h1 class="headline">{esc(a.title)}</h1>
      <p class="standfirst">{esc(a.subtitle)}</p>
      <p class="byline">{by} <a rel="author" href="/authors/{number}">{esc(a.author)}</a> · <span class="dateline">{dateline}</span></p>
    </header>
    <div class="story-body">
{story_paragraphs(a, aside)}
    </div>
    <div class="share-tools"><a href="#share">Share</a> <a href="#email">Email</a> <a href="#print">Print</a></div>
  </article>
  <aside class="rail">
    <section class="latest"><h2>{latest_h}</h2>
      <ul>
{latest}
      </ul>
    </section>
    <section class="most-read"><h2>{most_h}</h2>
      <ol>
        <li><a href="/energy/oil-price-watch/explained">Ten charts that explain the oil price</a></li>
        <li><a href="/politics/elections/veloria-guide">Your questions on the Veloria election, answered</a></li>
        <li><a href="/sanctions-tracker/how-it-works">How our sanctions tracker works</a></li>
        <li><a href="/world/dalvar/maps">The Dalvar ceasefire line in five maps</a></li>
      </ol>
    </section>
    <div class="ad-slot" data-slot="rail-1">Advertisement</div>
  </aside>
</main>
<footer class="site-footer">
  <nav><a href="/about">About us</a> · <a href="/contact">Contact</a> · <a href="/privacy">Privacy settings</a> · <a href="/politics/elections/archive">Elections archive</a></nav>
  <p>© 2024 The Meridian Courier Ltd. All rights reserved.</p>
</footer>
<script>window.__COURIER__ = {{"articleId": "{a.id}", "section": "{section_path}", "trending": ["sanctions", "election", "ceasefire", "oil price"]}};</script>
</body>
</html>
"""


HL_COMMENTS = [
    ("portside_pete", "More sanctions, more paperwork, and the tankers still sail. Wake me up when something changes."),
    ("m.okafor", "The oil price is the only thing anyone in this town really watches."),
    ("grey_heron", "Another election, another promise about rents. I will believe it when I see the keys."),
    ("tessa_k", "Tariffs are a tax on us, the buyers. Simple as that."),
    ("dockside", "A ceasefire is only as good as the monitors who check it."),
    ("lena_b", "Good reporting, thank you. More of this please."),
]
HL_TAGS = {"axis": "Geopolitics", "sanctions": "Sanctions", "multipolar": "Multipolar world",
           "ceasefire": "Dalvar ceasefire", "tariffs": "Tariffs", "energy": "Oil and gas",
           "election": "Veloria election"}


def hl_page(a, articles, title=None, body_html=None, index=0):
    """A Harbor Ledger page: div soup, OpenGraph and article:* meta, no JSON-LD, no <article> element."""
    charset = "iso-8859-1" if a.get("warc") == "latin1" else "utf-8"
    crawl = a.crawl.date()
    today = f"Today: {WEEKDAYS[crawl.weekday()]}, {long_date(crawl)}"
    meta = ""
    shown = ""
    if a.published_at is not None:
        modified = a.get("modified") or (a.published_at + dt.timedelta(hours=2)).isoformat().replace("+00:00", "Z")
        meta = (f'<meta property="article:published_time" content="{a.published_raw}">\n'
                f'<meta property="article:modified_time" content="{modified}">\n')
        p = a.published_at
        shown = f' | {p.day} {MONTHS[p.month - 1][:3]} {p.year}, {p:%H:%M}'
    others = recent(articles, a, "hl", 5)
    rail = "\n".join(
        f'      <li><a href="{o.url}">{esc(o.title)}</a> <time datetime="{o.published_raw}">'
        f'{o.date.day} {MONTHS[o.date.month - 1][:3]}</time></li>' for o in others)
    if body_html is None:
        paras = story_paragraphs(a)
        tags = [HL_TAGS[t] for t in TOPIC_ORDER if a.counts.get(t)] or [a.section]
        tag_html = " ".join(f'<a href="/tag/{t.lower().replace(" ", "-")}">{t}</a>' for t in tags)
        c1, c2 = HL_COMMENTS[index % len(HL_COMMENTS)], HL_COMMENTS[(index + 3) % len(HL_COMMENTS)]
        comments = "\n".join(
            f'      <div class="comment"><span class="c-user">{u}</span> <span class="c-time">{h} hours ago</span>'
            f'<p>{esc(t)}</p></div>' for (u, t), h in ((c1, 2), (c2, 5)))
        body_html = f"""  <div class="hl-section">{esc(a.section)}</div>
  <h1 class="hl-title">{esc(a.title)}</h1>
  <h2 class="hl-sub">{esc(a.subtitle)}</h2>
  <div class="hl-meta">By {esc(a.author)}{shown}</div>
  <div class="hl-text">
{paras}
  </div>
  <div class="hl-tags">Topics: {tag_html}</div>
  <div class="hl-share">Share this article: <a href="#fb">Facebook</a> <a href="#x">X</a> <a href="#in">LinkedIn</a> <a href="#mail">Email</a></div>
  <div id="comments" class="hl-comments"><h3>Comments (2)</h3>
{comments}
  </div>"""
    title = title or a.title
    return f"""<!doctype html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{esc(title)} - Harbor Ledger</title>
<meta property="og:site_name" content="Harbor Ledger">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(title)}">
<meta property="og:description" content="{esc(a.subtitle)}">
<meta property="og:url" content="{a.url}">
<meta property="og:image" content="{SITES['hl'][1]}/img/share/{a.id}.jpg">
{meta}<meta property="article:section" content="{esc(a.section)}">
<meta name="author" content="{esc(a.author)}">
<script src="https://cdn.harbor-ledger.example/js/app.min.js" defer></script>
<script>var hlConfig = {{adUnit: "news/{a.section.lower()}", keywords: "tariffs,sanctions,election"}};</script>
<style>.hl-wrap{{max-width:1180px;margin:0 auto}}.hl-cols{{display:flex}}.content-main{{flex:3}}.hl-rail{{flex:1}}</style>
</head>
<body>
<div id="gdpr">This website stores cookies on your computer. <a href="/cookies">Learn more</a> <span class="btn">OK</span></div>
<div class="hl-wrap">
<div class="hl-top"><span>{today}</span> | <a href="/epaper">E-paper</a> | <a href="/newsletters">Newsletters</a></div>
<div class="hl-brand"><a href="/"><img src="/img/logo.png" alt="Harbor Ledger"></a></div>
<div class="hl-menu"><a href="/">Home</a> <a href="/world/">World</a> <a href="/politics/">Politics</a> <a href="/economy/">Economy</a> <a href="/markets/">Markets</a> <a href="/energy/">Energy</a> <a href="/tag/tariffs">Tariffs</a> <a href="/tag/veloria-election">Veloria election</a> <a href="/culture/">Culture</a> <a href="/sport/">Sport</a></div>
<div class="hl-cols">
<div class="content-main">
{body_html}
</div>
<div class="hl-rail">
  <h3>Most read</h3>
  <ol>
{rail}
  </ol>
  <div class="newsletter-box">Get the Morning Ledger: markets, tariffs and oil price news before 7am. <input type="email" placeholder="Your email"> <button>Sign up</button></div>
</div>
</div>
<div class="hl-footer">Harbor Ledger | 1 Quay Street, Harbor City | <a href="/terms">Terms</a> | <a href="/privacy">Privacy</a> | Copyright 2024</div>
</div>
<script>document.querySelectorAll('.btn').forEach(function(b){{b.onclick=function(){{document.getElementById('gdpr').remove()}}}});</script>
</body>
</html>
"""


def np_page(a, articles):
    """A Northgate Post page: table layout, the "Latest Contents" column before the story, dates in many forms."""
    crawl = a.crawl.date()
    style = a.get("style")
    if style == "text":
        dateline = f"By {esc(a.author)} | Published {long_date(a.date)}"
    elif style in ("time", "time-url"):
        p = a.published_at
        dateline = (f'By {esc(a.author)} | <time datetime="{a.published_raw}">'
                    f'{p.day} {MONTHS[p.month - 1][:3]} {p.year}, {p:%H:%M}</time>')
    else:  # url, none: no date in the page at all
        dateline = f"By {esc(a.author)}"
    latest = "\n".join(
        f'    <li><time datetime="{o.date.isoformat()}">{o.date:%d.%m.%Y}</time> <a href="{o.url}">{esc(o.title)}</a></li>'
        for o in recent(articles, a, "np", 5))
    rel = "\n".join(f'    <li><a href="{o.url}">{esc(o.title)}</a></li>' for o in related(articles, a, 3))
    return f"""<html>
<head>
<meta charset="UTF-8">
<title>Northgate Post :: {esc(a.title)}</title>
<meta name="keywords" content="northgate, news, {a.section.lower()}">
<link rel="stylesheet" type="text/css" href="/css/np.css">
<script type="text/javascript">var _npq = _npq || []; _npq.push(['page', '{a.section}']);</script>
</head>
<body>
<div id="page">
<div id="cookie">By using this site you agree to our use of cookies. [<a href="#">close</a>]</div>
<div id="top"><div id="today">Today : {crawl:%d.%m.%Y}</div><div id="logo"><a href="/"><b>NORTHGATE POST</b></a> - the city's paper since 1868</div></div>
<ul id="menu"><li><a href="/">Front page</a></li><li><a href="/city/">City</a></li><li><a href="/politics/">Politics &amp; elections</a></li><li><a href="/world/">World</a></li><li><a href="/economy/">Economy</a></li><li><a href="/sport/">Sport</a></li><li><a href="/culture/">Culture</a></li><li><a href="/explainers/">Explainers</a></li></ul>
<table id="layout" width="100%"><tr>
<td id="left" valign="top" width="220">
  <div class="box"><h3>Latest Contents</h3>
  <ul>
{latest}
  </ul></div>
  <div class="box"><h3>Weather</h3><p>Northgate 7&deg;C, showers</p></div>
</td>
<td id="content" valign="top">
  <div id="story">
  <div class="kicker">{esc(a.section)}</div>
  <h1>{esc(a.title)}</h1>
  <h3 class="sub">{esc(a.subtitle)}</h3>
  <div class="dateline">{dateline}</div>
{story_paragraphs(a)}
  </div>
  <div id="related"><h3>Related</h3>
  <ul>
{rel}
  </ul></div>
  <div id="comments-closed">Comments are closed for this story.</div>
</td>
</tr></table>
<div id="foot">&copy; 2024 Northgate Post Ltd | <a href="/contact">Contact</a> | <a href="/advertise">Advertise</a> | <a href="/archive">Archive</a></div>
</div>
<script type="text/javascript" src="/js/np.js"></script>
</body>
</html>
"""


# ----------------------------------------------------------------------------------------------------------------
# Writers

def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return buf.getvalue()


def png_bytes():
    """A 16x16 dark blue PNG, built by hand."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\x00" + b"\x1f\x3a\x5f" * 16 for _ in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record_id(name):
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'topicpulse-sample/' + name)}>"


def warc_record(headers, block):
    lines = ["WARC/1.1"] + [f"{k}: {v}" for k, v in headers] + [f"Content-Length: {len(block)}"]
    return gz(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n")


def http_date(t):
    return t.astimezone(dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")


def warc_exchange(name, url, when, status, content_type, body, variant=None):
    """A request record and its response record, each its own gzip member."""
    host, path = re.match(r"https://([^/]+)(/.*)", url).groups()
    date = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    req_id, resp_id = record_id(name + "/request"), record_id(name + "/response")
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
               "User-Agent: topicpulse-sample-crawler/0.1 (+https://crawler.example/about)\r\n"
               "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\nAccept-Encoding: gzip\r\n\r\n"
               ).encode("ascii")
    reason = {200: "OK", 404: "Not Found"}[status]
    headers = [f"HTTP/1.1 {status} {reason}", f"Date: {http_date(when)}", "Server: nginx",
               f"Content-Type: {content_type}"]
    payload = body
    if variant == "gzip":
        payload = gz(body)
        headers.append("Content-Encoding: gzip")
    if variant == "chunked":
        pieces = [payload[i:i + 1500] for i in range(0, len(payload), 1500)]
        payload = b"".join(b"%x\r\n" % len(p) + p + b"\r\n" for p in pieces) + b"0\r\n\r\n"
        headers.append("Transfer-Encoding: chunked")
    else:
        headers.append(f"Content-Length: {len(payload)}")
    headers += ["Cache-Control: max-age=60", "Vary: Accept-Encoding"]
    response = ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + payload
    common = [("WARC-Date", date), ("WARC-Target-URI", url), ("WARC-IP-Address", "192.0.2.44")]
    return [
        warc_record([("WARC-Type", "request"), ("WARC-Record-ID", req_id)] + common
                    + [("WARC-Concurrent-To", resp_id), ("Content-Type", "application/http; msgtype=request"),
                       ("WARC-Block-Digest", sha1_b32(request))], request),
        warc_record([("WARC-Type", "response"), ("WARC-Record-ID", resp_id)] + common
                    + [("Content-Type", "application/http; msgtype=response"),
                       ("WARC-Payload-Digest", sha1_b32(payload)), ("WARC-Block-Digest", sha1_b32(response))],
                    response),
    ]


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def clean_outputs():
    for sub in ("html", "warc", "jsonl", "broken"):
        d = SAMPLE / sub
        if d.exists():
            for p in sorted(d.rglob("*"), reverse=True):
                p.unlink() if p.is_file() else p.rmdir()


def build(articles):
    """Writes every input file; returns the input records as (source, locator, article or None, reject or None)."""
    clean_outputs()
    records = []
    mc = [a for a in articles if a.site == "mc"]
    hl = [a for a in articles if a.site == "hl"]
    np_ = [a for a in articles if a.site == "np"]

    # Site 1: one HTML file per page, some gzip-compressed, one .htm, one with a BOM, one in windows-1251
    for a in mc:
        page = mc_page(a, articles)
        kind = a.get("file", "html")
        rel = a.get("path")
        if a.get("broken") == "truncated":
            data = gz(page.encode("utf-8"))
            source = "broken/truncated-royal-theatre.html.gz"
            # A download that died in the gzip header: no byte of the page can be recovered. (Readers salvage
            # the readable part of a longer truncated file, as they do for truncated WARC records.)
            write(SAMPLE / source, data[:16])
            records.append((source, "file", None, ("read_failed", "gzip stream ends early (truncated file)")))
            continue
        data = page.encode("cp1251" if kind == "cp1251" else "utf-8")
        if kind == "bom":
            data = b"\xef\xbb\xbf" + data
        suffix = {"html": ".html", "html.gz": ".html.gz", "htm": ".htm", "bom": ".html", "cp1251": ".html"}[kind]
        if kind == "html.gz":
            data = gz(data)
        source = f"html/meridian-courier/{rel}{suffix}"
        write(SAMPLE / source, data)
        records.append((source, "file", a, None))

    # Site 2: one WARC file, one gzip member per record, in crawl order
    warc_name = "warc/harbor-ledger-2024-11.warc.gz"
    info = ("software: sample-data/src/generate.py (topicpulse)\r\nformat: WARC File Format 1.1\r\n"
            "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            "isPartOf: harbor-ledger-sample\r\ndescription: Invented pages of an invented news site\r\n"
            "robots: obey\r\n").encode("utf-8")
    members = [warc_record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", record_id("warcinfo")),
                            ("WARC-Date", "2024-10-03T05:00:00Z"), ("WARC-Filename", Path(warc_name).name),
                            ("Content-Type", "application/warc-fields")], info)]
    exchanges = []
    for i, a in enumerate(sorted(hl, key=lambda x: x.crawl)):
        charset = "ISO-8859-1" if a.get("warc") == "latin1" else "utf-8"
        body = hl_page(a, articles, index=i).encode("iso-8859-1" if charset != "utf-8" else "utf-8")
        variant = a.get("warc") if a.get("warc") in ("gzip", "chunked") else None
        exchanges.append((a.crawl, a.id, a.url, 200, f"text/html; charset={charset}", body, variant, a, None))
    logo_time = dt.datetime(2024, 10, 21, 5, 31, tzinfo=dt.timezone.utc)
    exchanges.append((logo_time, "logo", SITES["hl"][1] + "/img/logo.png", 200, "image/png", png_bytes(), None,
                      None, ("not_html", "Content-Type image/png", SITES["hl"][1] + "/img/logo.png")))
    gone = Article("hl-404", {"site": "hl", "path": "world/dalvar-live-updates-4530.html", "published": "none",
                              "crawl": "2024-11-02T05:45:00Z", "section": "World", "author": "Harbor Ledger",
                              "title": "Page not found", "subtitle": "The page you were looking for is not here"},
                   [])
    not_found = hl_page(gone, articles, title="Page not found", body_html=(
        '  <h1 class="hl-title">Page not found</h1>\n'
        '  <p>Sorry, the page you were looking for has moved or no longer exists.</p>\n'
        '  <p>Try our <a href="/search">search</a> or go back to the <a href="/">home page</a>.</p>'))
    exchanges.append((gone.crawl, gone.id, gone.url, 404, "text/html; charset=utf-8", not_found.encode("utf-8"),
                      None, None, ("http_status", "HTTP 404", gone.url)))
    offset = len(members[0])
    for when, name, url, status, ctype, body, variant, art, reject in sorted(exchanges, key=lambda e: e[0]):
        request, response = warc_exchange(name, url, when, status, ctype, body, variant)
        members += [request, response]
        records.append((warc_name, f"@{offset + len(request)}", art, reject))
        offset += len(request) + len(response)
    write(SAMPLE / warc_name, b"".join(members))

    # Site 3: JSON Lines, October gzip-compressed, November plain with an exact re-crawl; one broken file
    lines = {"jsonl/northgate-post-2024-10.jsonl.gz": [], "jsonl/northgate-post-2024-11.jsonl": [],
             "broken/northgate-post-broken.jsonl": []}
    for a in sorted(np_, key=lambda x: x.crawl):
        record = {"url": a.url, "html": np_page(a, articles)}
        if a.get("fetched") != "no":
            record["fetched_at"] = a.crawl.strftime("%Y-%m-%dT%H:%M:%SZ")
        if a.get("jsonl") == "broken":
            name = "broken/northgate-post-broken.jsonl"
        elif a.crawl.month == 10:
            name = "jsonl/northgate-post-2024-10.jsonl.gz"
        else:
            name = "jsonl/northgate-post-2024-11.jsonl"
        lines[name].append((a.crawl, record, a, None))
        if a.get("dup") == "yes":
            again = dict(record, fetched_at=(a.crawl + dt.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M:%SZ"))
            lines[name].append((a.crawl + dt.timedelta(hours=6), again, a,
                                ("duplicate", "same URL and text as an earlier record")))
    broken = lines["broken/northgate-post-broken.jsonl"]
    broken.append((None, '{"url": "https://northgate-post.example/city/bin-collections-change-8402", '
                         '"html": "<html><head><title>Northgate Post :: Bin coll', None,
                   ("malformed_record", "invalid JSON (line ends inside a string)",
                    "https://northgate-post.example/city/bin-collections-change-8402")))
    broken.append((None, {"url": "https://northgate-post.example/city/parking-charges-rise-8403",
                          "fetched_at": "2024-11-02T06:00:00Z"}, None,
                   ("malformed_record", "no html field",
                    "https://northgate-post.example/city/parking-charges-rise-8403")))
    for name, items in lines.items():
        items_sorted = sorted([x for x in items if x[0] is not None], key=lambda x: x[0]) + \
                       [x for x in items if x[0] is None]
        out = []
        for n, (_, record, art, reject) in enumerate(items_sorted, start=1):
            out.append(record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
            records.append((name, f"line {n}", art, reject))
        data = ("\n".join(out) + "\n").encode("utf-8")
        write(SAMPLE / name, gz(data) if name.endswith(".gz") else data)

    # Broken single files
    write(SAMPLE / "broken/image-saved-as-page.html", png_bytes())
    records.append(("broken/image-saved-as-page.html", "file", None, ("not_html", "PNG bytes in a .html file")))
    write(SAMPLE / "broken/empty-shell.html", (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title></title>\n'
        '<script src="/static/js/app.3e9a1c.js" defer></script>\n</head>\n<body>\n<div id="app"></div>\n'
        '<noscript></noscript>\n</body>\n</html>\n').encode("utf-8"))
    records.append(("broken/empty-shell.html", "file", None, ("empty_text", "no text in the page")))
    return records


# ----------------------------------------------------------------------------------------------------------------
# Expected values

def expected(articles, records):
    kept = [a for (_, _, a, r) in records if a is not None and r is None]
    dated = [a for a in kept if a.date is not None]
    by_day = collections.defaultdict(list)
    for a in dated:
        by_day[a.date].append(a)

    daily = []
    for day in sorted(by_day):
        for topic in TOPIC_ORDER:
            mentions = sum(a.counts.get(topic, 0) for a in by_day[day])
            if mentions:
                mentioning = sum(1 for a in by_day[day] if a.counts.get(topic, 0))
                daily.append((day.isoformat(), topic, mentions, mentioning, len(by_day[day])))
    with open(EXPECTED_DIR / "expected-topic-daily.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write("date,topic,mentions,articles_mentioning,articles_total\n")
        for row in daily:
            f.write(",".join(map(str, row)) + "\n")

    with open(EXPECTED_DIR / "expected-articles-per-day.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write("date,articles_total\n")
        for day in sorted(by_day):
            f.write(f"{day.isoformat()},{len(by_day[day])}\n")

    with open(EXPECTED_DIR / "expected-articles.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write("id,source,url,published_date,date_source,language," + ",".join(TOPIC_ORDER) + "\n")
        for src, loc, a, r in records:
            if a is None or r is not None:
                continue
            lang = "ru" if a.get("file") == "cp1251" else "en"
            f.write(",".join([a.id, src, a.url, a.date.isoformat() if a.date else "", a.date_source, lang]
                             + [str(a.counts.get(t, 0)) for t in TOPIC_ORDER]) + "\n")

    rejects = collections.Counter(r[0] for (_, _, _, r) in records if r is not None)
    reasons = ["read_failed", "malformed_record", "not_html", "decode_failed", "empty_text", "http_status",
               "duplicate"]
    topics = {}
    for t in TOPIC_ORDER:
        topics[t] = {"mentions": sum(a.counts.get(t, 0) for a in dated),
                     "articles_mentioning": sum(1 for a in dated if a.counts.get(t, 0)),
                     "days_with_mentions": sum(1 for d in by_day if any(a.counts.get(t, 0) for a in by_day[d]))}
    undated_mentions = {t: sum(a.counts.get(t, 0) for a in kept if a.date is None) for t in TOPIC_ORDER}
    spike_day = max(by_day, key=lambda d: sum(a.counts.get("sanctions", 0) for a in by_day[d]))
    other_max = max(sum(a.counts.get("sanctions", 0) for a in by_day[d]) for d in by_day if d != spike_day)
    by_format = collections.Counter(src.split("/")[0] for (src, _, _, _) in records)
    summary = {
        "input_records": len(records),
        "input_records_by_folder": dict(sorted(by_format.items())),
        "warc_records_not_counted": {"warcinfo": 1, "request": sum(1 for s, *_ in records if s.startswith("warc/"))},
        "articles": len(kept),
        "dated_articles": len(dated),
        "undated_articles": len(kept) - len(dated),
        "rejects": {k: rejects.get(k, 0) for k in reasons},
        "rejects_total": sum(rejects.values()),
        "first_date": min(by_day).isoformat(),
        "last_date": max(by_day).isoformat(),
        "days_with_articles": len(by_day),
        "date_sources": dict(sorted(collections.Counter(a.date_source for a in kept).items())),
        "topics": topics,
        "undated_article_mentions": {t: n for t, n in undated_mentions.items() if n},
        "all_article_mentions": {t: topics[t]["mentions"] + undated_mentions[t] for t in TOPIC_ORDER},
        "spike": {"topic": "sanctions", "date": spike_day.isoformat(),
                  "mentions": sum(a.counts.get("sanctions", 0) for a in by_day[spike_day]),
                  "articles_mentioning": sum(1 for a in by_day[spike_day] if a.counts.get("sanctions", 0)),
                  "max_mentions_on_any_other_day": other_max},
    }
    assert summary["articles"] + summary["rejects_total"] == summary["input_records"]
    (EXPECTED_DIR / "expected-summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary, daily, by_day, kept


def md_tables(summary, daily, by_day, kept, records):
    """The generated parts of EXPECTED.md."""
    parts = {}
    rows = ["| id | input | date | date_source | " + " | ".join(TOPIC_ORDER) + " |",
            "|---|---|---|---|" + "---|" * len(TOPIC_ORDER)]
    for src, loc, a, r in records:
        if a is None or r is not None:
            continue
        where = src + ("" if loc == "file" else f" {loc}")
        rows.append(f"| {a.id} | `{where}` | {a.date or '—'} | {a.date_source} | "
                    + " | ".join(str(a.counts.get(t, 0) or "") for t in TOPIC_ORDER) + " |")
    parts["articles"] = "\n".join(rows)
    rows = ["| input | record | url | reason |", "|---|---|---|---|"]
    for src, loc, a, r in records:
        if r is not None:
            url = a.url if a else (r[2] if len(r) > 2 else "")
            rows.append(f"| `{src}` | {loc} | {url} | {r[0]}: {r[1]} |")
    parts["rejects"] = "\n".join(rows)
    rows = ["| date | articles | " + " | ".join(TOPIC_ORDER) + " |", "|---|---|" + "---|" * len(TOPIC_ORDER)]
    cells = {(d, t): (m, n) for d, t, m, n, _ in daily}
    for day in sorted(by_day):
        rows.append(f"| {day} | {len(by_day[day])} | " + " | ".join(
            (f"{cells[(day.isoformat(), t)][0]} ({cells[(day.isoformat(), t)][1]})"
             if (day.isoformat(), t) in cells else "") for t in TOPIC_ORDER) + " |")
    parts["daily"] = "\n".join(rows)
    parts["summary"] = "```json\n" + json.dumps(summary, indent=2) + "\n```"
    return parts


def fill_markdown(parts):
    path = SAMPLE / "EXPECTED.md"
    text = path.read_text(encoding="utf-8")
    for name, table in parts.items():
        pattern = re.compile(rf"(<!-- BEGIN GENERATED {name} -->\n).*?(<!-- END GENERATED {name} -->)", re.S)
        if not pattern.search(text):
            sys.exit(f"EXPECTED.md lacks the markers for {name}")
        text = pattern.sub(lambda m: m.group(1) + table + "\n" + m.group(2), text)
    path.write_text(text, encoding="utf-8")


def main():
    articles = read_articles()
    check_hand_counts(articles, read_lexicon())
    utc_shift = [a.id for a in articles if a.published_at is not None
                 and a.published_at.astimezone(dt.timezone.utc).date() != a.date]
    if sorted(utc_shift) != ["mc-1021", "mc-1022"]:
        sys.exit(f"only the two documented time-zone traps may change day in UTC, got {utc_shift}")
    EXPECTED_DIR.mkdir(parents=True, exist_ok=True)
    records = build(articles)
    summary, daily, by_day, kept = expected(articles, records)
    fill_markdown(md_tables(summary, daily, by_day, kept, records))
    print(json.dumps({k: summary[k] for k in ("input_records", "articles", "dated_articles", "undated_articles",
                                              "rejects", "spike")}, indent=1))


if __name__ == "__main__":
    main()
