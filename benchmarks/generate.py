"""Seeded generator of news-like cloud-industry articles (front matter + body) for benchmarks and tests.

Usage: .venv/bin/python benchmarks/generate.py OUT_DIR --articles 5000 [--seed 2024]

Article i depends only on (seed, i), so the first 5,000 articles of a 50,000 corpus equal a 5,000 corpus.
"""
from __future__ import annotations

import argparse
import datetime
import random
from pathlib import Path

ARTICLES_PER_FOLDER = 1_000

PROVIDERS = ["AWS", "Amazon Web Services", "Microsoft Azure", "Azure", "Google Cloud", "Alibaba Cloud",
             "Oracle", "Huawei Cloud", "Tencent Cloud", "Baidu AI Cloud", "IBM", "Salesforce", "OVHcloud",
             "CoreWeave", "DigitalOcean", "Rackspace", "SAP", "Nvidia", "Meta", "China Telecom"]
ANALYSTS = ["Canalys", "Synergy Research Group", "IDC", "Gartner", "Omdia", "Dell'Oro Group"]
COUNTRIES = ["Japan", "India", "Germany", "Brazil", "Saudi Arabia", "Indonesia", "Malaysia", "Mexico", "Spain",
             "South Korea", "Australia", "Thailand", "Italy", "Chile", "Poland", "South Africa"]
REGIONS = ["Asia Pacific", "Europe", "the Middle East", "Latin America", "North America"]
OUTLETS = ["Example Wire", "Cloud Ledger", "Datacentre Dispatch", "Channel Signal Weekly", "Asia Tech Review",
           "The Infrastructure Brief"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
QUARTER_NAMES = ["first", "second", "third", "fourth"]
SCALES = ["million", "billion"]
# (format of a money figure, plausible number range); {n} is the number, {s} a scale word.
MONEY_FORMS = [
    ("${n} {s}", (1, 99)), ("US${n} {s}", (1, 99)), ("${n}bn", (1, 60)), ("${n}m", (5, 900)),
    ("€{n} {s}", (1, 40)), ("€{n}m", (5, 900)), ("£{n} {s}", (1, 30)), ("{n} {s} yuan", (2, 400)),
    ("HK${n} {s}", (1, 90)), ("{n} trillion yen", (1, 5)), ("A${n} {s}", (1, 20)), ("S${n} {s}", (1, 12)),
    ("Rs {n} crore", (500, 90_000)), ("{n} {s} euros", (1, 40)),
]
PERIODS_PAST = ["in the {q} quarter", "in the {q} quarter last year", "in the March quarter", "in the June quarter",
                "last year", "in fiscal {y}", "in the first half of {y}", "in the three months to September",
                "for the quarter ended December 31", "in {y}"]
PERIODS_FUTURE = ["over the next three years", "by {y2}", "this year", "next year", "over the next five years",
                  "between {y} and {y2}", "in the second half of {y2}"]

REPORTED = [
    "{co} said revenue rose {pct} to {money} {past}, ahead of what analysts had expected.",
    "Revenue at {co} grew {pct} year on year to {money} {past}.",
    "{co} reported operating income of {money} {past}, up from a year earlier.",
    "Net income at {co} fell {small_pct} to {money} {past} as depreciation costs climbed.",
    "{co} posted an operating margin of {pct} {past}, the company said on {weekday}.",
    "The backlog at {co} stood at {money} at the end of {month}, a record for the unit.",
    "Shares of {co} slid {small_pct} on {weekday} after the results were published.",
    "Shares of {co} jumped {small_pct} to {price} in early trading on {weekday}.",
    "{co} now operates {count} availability zones across {count2} regions worldwide.",
    "{co} runs {count3} data centres in {country} and serves customers in {count2} countries.",
    "The company said it has more than {customers} customers and some {partners} partners in {region}.",
    "{co} employs about {jobs} people in {country}, according to a company filing.",
    "{co} released {count} new AI models {past}, taking its catalogue to {products} products.",
]
MARKET = [
    "Spending on cloud infrastructure services reached {money} {past}, according to {analyst}.",
    "Global cloud spending rose {pct} to {money} {past}, {analyst} said in a report on {weekday}.",
    "{co} held a {share} share of the market {past}, while {co2} accounted for {share2}, {analyst} estimates.",
    "{co}, {co2} and {co3} together accounted for {share} of spending in {region}, according to {analyst}.",
    "{co} and {co2} grew {pct} and {pct2} respectively, {analyst} data showed.",
    "The public cloud market in {country} is expected to reach {money} {future}, {analyst} forecasts.",
    "{analyst} expects worldwide spending on AI infrastructure to grow {pct} {future}.",
    "{country}'s share of the regional market rose by {small_pp} percentage points to {share} {past}.",
]
PLANS = [
    "{co} plans to invest {money} in {country} {future} to expand its cloud and AI infrastructure.",
    "{co} will spend {money} on new data centres in {region} {future}, it said on {weekday}.",
    "The investment will create about {jobs} jobs and add {count} new data centers in {country}.",
    "{co} said it expects capital expenditure of around {money} {future}, mostly for servers and chips.",
    "{co} aims to open {count} new regions {future}, starting with {country}.",
    "The new campus in {country} will draw {power} megawatts of power when it opens {future}.",
    "{co} signed a {money} contract with {co2} to supply computing capacity {future}.",
    "{co} agreed to buy a data centre operator in {region} for {money}, the companies said.",
]
FILLER = [
    "Demand for generative AI services has pushed providers to add capacity faster than planned.",
    "Executives said power and chip supply remain the main constraints on growth.",
    "Regulators in {region} are looking closely at how customers move workloads between providers.",
    "The company did not give a breakdown by product line.",
    "Analysts said price cuts on storage and compute were likely to continue.",
    "Customers in banking and the public sector have been slower to move sensitive workloads.",
    "\"We are still early in this transition,\" the chief executive told analysts on a call on {weekday}.",
    "The figures were published alongside the company's annual report in {month}.",
]
TITLES = [
    "{co} cloud revenue climbs {pct} as AI demand grows",
    "{co} to invest {money} in {country}",
    "Cloud infrastructure spending hits {money}, says {analyst}",
    "{co} adds {count} regions and expands in {region}",
    "{analyst}: {co} keeps lead as market grows {pct}",
    "{co} shares slide after results",
]


def figure(rng: random.Random, low: float, high: float) -> str:
    """A number as a reporter writes it: one decimal for small values, thousands separators for large ones."""
    value = rng.uniform(low, high)
    if value < 10 and rng.random() < 0.7:
        return f"{value:.1f}"
    if value < 100 and rng.random() < 0.4:
        return f"{value:.1f}"
    return f"{round(value):,}"


def money(rng: random.Random) -> str:
    """A money figure in one of the currency and scale forms of news copy."""
    form, (low, high) = rng.choice(MONEY_FORMS)
    text = form.format(n=figure(rng, low, high), s=rng.choice(SCALES))
    if "yuan" in text and rng.random() < 0.5:
        text += f" (US${figure(rng, 0.3, 60)} billion)"
    return text


def percent(rng: random.Random, low: float, high: float) -> str:
    """A percent figure written as %, per cent or percent."""
    suffix = rng.choice(["%", "%", " per cent", " percent"])
    if rng.random() < 0.6:
        return f"{rng.uniform(low, high):.1f}{suffix}"
    return f"{rng.randint(int(low) + 1, int(high))}{suffix}"


def slots(rng: random.Random, published: datetime.date) -> dict[str, str]:
    """Fresh values for every placeholder of the templates."""
    year = published.year
    companies = rng.sample(PROVIDERS, 3)
    past = rng.choice(PERIODS_PAST).format(q=rng.choice(QUARTER_NAMES), y=year - rng.randint(0, 1))
    future = rng.choice(PERIODS_FUTURE).format(y=year, y2=year + rng.randint(1, 5))
    return {
        "co": companies[0], "co2": companies[1], "co3": companies[2], "analyst": rng.choice(ANALYSTS),
        "country": rng.choice(COUNTRIES), "region": rng.choice(REGIONS), "month": rng.choice(MONTHS),
        "weekday": rng.choice(WEEKDAYS), "past": past, "future": future, "money": money(rng),
        "pct": percent(rng, 3, 60), "pct2": percent(rng, 3, 60), "small_pct": percent(rng, 0.2, 9),
        "share": percent(rng, 4, 40), "share2": percent(rng, 2, 25), "small_pp": f"{rng.uniform(0.2, 4):.1f}",
        "price": f"${rng.uniform(20, 600):.2f}", "count": str(rng.randint(2, 12)), "count2": str(rng.randint(8, 40)),
        "count3": str(rng.randint(3, 90)), "customers": f"{rng.randint(2, 900) * 1000:,}",
        "partners": f"{rng.randint(5, 400) * 100:,}", "jobs": f"{rng.randint(2, 400) * 100:,}",
        "products": str(rng.randint(40, 300)), "power": str(rng.randint(2, 60) * 10),
    }


def sentence(rng: random.Random, published: datetime.date) -> str:
    """One sentence from a randomly chosen template family."""
    family = rng.choices([REPORTED, MARKET, PLANS, FILLER], weights=[4, 3, 3, 2])[0]
    return rng.choice(family).format(**slots(rng, published))


def article_text(index: int, seed: int = 2024) -> str:
    """The full file text (front matter + body) of article number `index` of the corpus `seed`."""
    rng = random.Random(f"{seed}:{index}")
    published = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 1600))
    title = rng.choice(TITLES).format(**slots(rng, published))
    paragraphs = [" ".join(sentence(rng, published) for _ in range(rng.randint(2, 4)))
                  for _ in range(rng.randint(4, 8))]
    front = (f"---\ntitle: \"{title.replace(chr(34), '')}\"\npublished: {published.isoformat()}\n"
             f"outlet: {rng.choice(OUTLETS)}\n---\n\n")
    return front + "\n\n".join(paragraphs) + "\n"


def article_path(folder: Path, index: int) -> Path:
    """Where article `index` goes: sub-folders of ARTICLES_PER_FOLDER files, like a dated news archive."""
    return folder / f"part-{index // ARTICLES_PER_FOLDER:04d}" / f"a{index:07d}.md"


def write_corpus(folder: str | Path, articles: int, seed: int = 2024) -> list[Path]:
    """Write `articles` generated articles under `folder`; returns their paths in index order."""
    root = Path(folder)
    paths = []
    for index in range(articles):
        path = article_path(root, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(index, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: write a corpus to a folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    paths = write_corpus(args.folder, args.articles, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths):,} articles ({size / 1e6:.1f} MB) under {args.folder}")


if __name__ == "__main__":
    main()
