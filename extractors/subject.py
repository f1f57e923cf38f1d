"""Which companies a figure is about: respectively-lists, collectives ("the top three"), distributive "each", the
parties to a deal, the nearest company in the clause, or the subject the article was already on."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from extractors.article_state import ArticleState
from extractors.cues import CURRENCY, context_pattern, unit_kind
from extractors.drafts import (CLAUSE_BREAK, COORDINATION, COUNT_METRICS, CUE_CLAUSE_BREAK, Draft, Sentence,
                               aside_spans, clause_before, is_adjective, says_respectively, text_before)
from extractors.entities import EntityMention, group_of
from extractors.links import joined_as_list

COMPANY_METRICS_WITHOUT_MARKET = {"revenue", "profit", "investment", "backlog", "deal_value", "share_price",
                                  "share_price_change", "margin"}
COMPANY_FIGURE_WORDS = re.compile(r"\b(?:revenues?|sales|profits?|income|earnings|backlog|rpo|capex)\b", re.IGNORECASE)
WORD_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "trio": 3, "pair": 2, "duo": 2}
GENERIC_GROUP = re.compile(r"\b(?:providers|companies|vendors|firms|players|operators|hyperscalers|rivals|"
                           r"competitors|start-ups|startups)\b", re.IGNORECASE)
UNKNOWN_NAME_FIRST = re.compile(r"(?!(?:The|This|That|These|Those|Its|It|In|On|At|For|But|And|As|By|With|From|After|"
                                r"Before|Over|Under|Some|Most|Many|Total|Revenue|Sales|Shares|Cloud|Net|Operating|"
                                r"Capital|Spending|Demand|Growth|Analysts|Investors|Executives)\b)"
                                r"[A-Z][\w&.-]+\s+[A-Z][\w&.-]+")
# "Contoso said it will spend ...": one capitalised word that speaks or acts at the start is a name we do not know.
UNKNOWN_SPEAKER_FIRST = re.compile(r"(?!(?:The|This|That|It|He|She|They|We|Analysts|Investors|Executives|Management|"
                                   r"Revenue|Sales|Spending|Demand|Growth|Capex)\b)[A-Z][\w&.-]+\s+"
                                   r"(?:said|says|told|reported|reports|posted|announced|expects|plans|intends|will)\b")
BASED_NAME_FIRST = re.compile(r"(?:[A-Z][\w.'’]*[\s-]+){0,3}?[A-Z][\w.'’]*-based\s+(?:[a-z][\w-]*\s+){0,3}?[A-Z][\w&.-]+")


COMPARISON_SET = re.compile(r"\b(?:most|least|\w+est)\b(?:\s+[\w-]+){0,2}\s+of\s+$", re.IGNORECASE)


def assign_subject(d: Draft, drafts: list[Draft], sentence: Sentence, state: ArticleState) -> None:
    """Who the figure is about: respectively-lists, groups, the nearest company, or the one before."""
    if d.compared_to is not None:
        d.subject, d.subjects_each = d.compared_to.subject or (), d.compared_to.subjects_each
        return
    if d.metric == "market_spending":
        d.subject = ()
        spenders = listed_spenders(d, sentence)
        if spenders:
            # "Alphabet, Amazon.com, Meta and Microsoft together are heading for $400 billion of spending": theirs
            d.metric, d.subject, d.rule = "investment", spenders, d.rule + "+listed_spenders"
            return
        if state.last_subject and not sentence.analysts and not sentence.companies and not state.analyst_before \
                and context_pattern("company_opens").match(sentence.text) and "spend" in d.cue_text.lower():
            # "It plans to ... lift spending on computing power to 44.1 billion yuan": the company's spending
            d.metric, d.subject, d.rule = "investment", state.last_subject, d.rule + "+previous_subject"
        return
    companies = companies_outside_asides(d, sentence)
    distinct = distinct_by_group(companies)
    if len(distinct) >= 2 and says_respectively(sentence):
        peers = [p for p in drafts if p.metric == d.metric and unit_kind(p.q.unit) == unit_kind(d.q.unit)
                 and p.start > distinct[-1].start_char]
        if len(peers) == len(distinct[-len(peers):]) and d in peers:
            d.subject = (distinct[-len(peers):][peers.index(d)].canonical,)
            d.rule += "+respectively"
            return
    paired = paired_in_order(d, drafts, distinct, sentence)
    if paired is not None:
        d.subject, d.rule = (paired.canonical,), d.rule + "+paired_lists"
        return
    clause = current_clause(sentence, d)
    collective = " ".join(m.group() for m in context_pattern("collective").finditer(clause)
                          if not COMPARISON_SET.search(clause, 0, m.start()))  # "the fastest growth of the trio"
    respective = respective_of_group(d, drafts, collective, sentence, state)
    if respective is not None:
        d.subject, d.rule = respective, d.rule + "+respectively_group"  # "those three rose 13, 7 and 16 percent,
        return  # respectively" after a sentence that named the three
    if collective:
        # a list in brackets names the group: "the five biggest providers (Microsoft, AWS, ...) together earned"
        group = collective_group(collective, distinct_by_group(sentence.companies), d, state)
        if group is not None:
            d.subject = group
            d.rule += "+collective"
            return
    before = [e for e in distinct if e.start_char < d.start]
    # "Alibaba held 40.6%, with Tencent and Huawei on 11% each": "each" goes with the last run of companies
    run = before if len(before) < 2 or coordinated(before, sentence) else last_coordinated_run(before, sentence)
    each_from = run[0].start_char if run else 0
    each = context_pattern("distributive").search(sentence.text[each_from:d.end + 20]) if len(run) >= 2 else None
    if each and each_from + each.end() <= d.start and CUE_CLAUSE_BREAK.search(sentence.text[each_from + each.end():d.start]):
        each = None  # "A, B and C each held 3%, although C's revenue tripled": "each" belongs to the other clause
    if each:
        d.subjects_each = [(e.canonical,) for e in run if e.canonical]
        d.subject = ()
        d.rule += "+each"
        return
    if d.metric == "market_share" and len(before) >= 2 and coordinated(before, sentence) \
            and before[-1].end_char <= d.start and not each \
            and context_pattern("joint_share_verb").fullmatch(sentence.text[before[-1].end_char:d.start]):
        d.subject = tuple(e.canonical for e in before)  # "Amazon, Microsoft and Google capture two-thirds": together
        d.rule += "+joint"
        return
    named_after = company_named_after(d, companies, sentence)
    if named_after is not None:
        d.subject = (named_after.canonical,)  # "with 9 percent for Google, 5 percent for Alibaba"
        d.rule += "+for_company"
        return
    left_companies = [e for e in companies if e.end_char <= d.start]
    target = invested_in(d, companies, sentence)
    if target is not None and left_companies:
        # "Microsoft had agreed in April to invest $1.5 billion in G42": a stake in a company is a deal
        d.metric, d.rule = "deal_value", d.rule + "+invested_in"
        d.subject = tuple(dict.fromkeys((left_companies[-1].canonical, target.canonical)))
        return
    if d.metric == "deal_value" and len(before) >= 2:
        d.subject = tuple(e.canonical for e in before)  # the parties to the deal
        d.rule += "+parties"
        return
    if left_companies:
        in_clause = [e for e in left_companies
                     if not CLAUSE_BREAK.search(sentence.text[e.end_char:d.start])]
        if not in_clause and GENERIC_GROUP.search(clause_before(sentence, d)):
            d.subject = ()  # "..., while the share of European-owned providers fell to 13 per cent"
            return
        d.subject = (left_companies[-1].canonical,)
        return
    right_companies = [e for e in companies if e.start_char >= d.end and e.start_char - d.end < 60]
    if right_companies and state.last_subject and d.metric != "market_share" \
            and context_pattern("anaphora").search(clause_before(sentence, d)):
        d.subject = state.last_subject  # "The company runs 34 data centres inside Amazon's ...": not Amazon's
        d.rule += "+previous_subject"
        return
    if right_companies and state.last_subject and context_pattern("counterparty_before").search(
            sentence.text[d.end:right_companies[0].start_char]):
        d.subject = state.last_subject  # "backlog rose to $368 billion, reflecting contracts from OpenAI"
        d.rule += "+previous_subject"
        return
    if right_companies:
        carried = state.last_subject
        same_group = carried and group_of(carried[0]) == group_of(right_companies[0].canonical)
        # "..., giving the IT services arm of Samsung Group a margin of 6.9%": the more specific name carried over
        d.subject = carried if same_group else (right_companies[0].canonical,)
        d.rule += "+previous_subject" if same_group else ""
        return
    linked = linked_money(d, drafts)
    if linked is not None:
        d.subject = linked.subject or ()
        return
    left = text_before(sentence, d.start)
    if d.metric == "market_share" and any(g.end_char <= d.start and not is_adjective(g) for g in sentence.geos):
        d.subject = ()  # a country's or region's share of a market
        return
    anaphora = context_pattern("anaphora").search(left)
    if sentence.analysts and not sentence.companies:
        d.subject = ()  # "Synergy said it expects the market to grow": "it" is the analyst firm
    elif anaphora and state.analyst_before and not state.last_sentence_companies \
            and context_pattern("firm_anaphor").search(left):
        d.subject = ()  # "Synergy said ... . The firm expects spending to exceed $400 billion"
    elif (not anaphora or not state.last_subject) \
            and (UNKNOWN_NAME_FIRST.match(sentence.text) or UNKNOWN_SPEAKER_FIRST.match(sentence.text)) \
            and not any(m.start_char == 0 for m in [*sentence.geos, *sentence.companies]):
        d.subject, d.unknown_subject = (), True  # "Deutsche Telekom's T-Systems signed ...": not the last one
    elif BASED_NAME_FIRST.match(sentence.text) and not any(e.end_char <= d.start for e in sentence.companies):
        d.subject, d.unknown_subject = (), True  # "Kuala Lumpur-based Nexa said its revenue ...": "its" is Nexa
    elif anaphora or (company_level(d, left) and not market_talk_before(left, sentence, state)):
        d.subject = state.last_subject
        d.rule += "+previous_subject" if state.last_subject else ""
        d.unknown_subject = not state.last_subject and owned_by_anaphor(d, left)  # "its revenue", no company named
    else:
        d.subject = ()
    if d.requires_subject and not d.subject:
        d.metric = None


def market_talk_before(left: str, sentence: Sentence, state: ArticleState) -> bool:
    """Spending words alone ("the new outlay") make a figure the market's only where no company is being talked of."""
    return bool(context_pattern("market_strong").search(left) or sentence.analysts
                or (context_pattern("market_subject").search(left) and not state.last_subject))


def company_level(d: Draft, left: str) -> bool:
    """A metric only companies have (revenue, counts, a site's megawatts), or growth of a company figure."""
    return d.metric in COMPANY_METRICS_WITHOUT_MARKET or d.metric in COUNT_METRICS or d.metric == "power_capacity" \
        or bool(d.metric == "growth_rate" and COMPANY_FIGURE_WORDS.search(left[-80:]))


def companies_outside_asides(d: Draft, sentence: Sentence) -> list[EntityMention]:
    """Company mentions, leaving out those in asides the figure is not in."""
    if not sentence.companies:
        return []
    spans = sentence.memo.get("company_asides")
    if spans is None:  # the same for every figure of the sentence
        spans = sentence.memo["company_asides"] = aside_spans(sentence) + tuple(appositions(sentence))
    spans = [(a, b) for a, b in spans if not a <= d.start < b]
    if not spans:
        return list(sentence.companies)
    return [e for e in sentence.companies if not any(a <= e.start_char < b for a, b in spans)]


# ", the main challenger Microsoft fields against Amazon's cloud," after a company: a description of it.
APPOSITION_AFTER = re.compile(r",\s+(?!(?:and|or|but|while|which|who|as|with|in|on|at|for|said|says)\b)([^,;:]{3,110}?),\s")


def appositions(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of descriptions set off by commas right after a company ("Azure, Microsoft's public cloud service and
    the challenger to market leader AWS, increased revenue by 93%"); a list of companies is none."""
    spans = []
    for company in sentence.companies:
        m = APPOSITION_AFTER.match(sentence.text, company.end_char)
        if m is None or any(q.start_char - sentence.start < m.end() and q.end_char - sentence.start > m.start()
                            for q in sentence.quantities):
            continue
        listed = [e for e in sentence.companies if e.start_char == m.start(1)]
        if not listed or re.match(r"['’]s\b", sentence.text[listed[0].end_char:]):  # "Azure, Microsoft's service, ..."
            spans.append(m.span(1))
    return spans


def distinct_by_group(mentions: Iterable[EntityMention]) -> list[EntityMention]:
    """One mention per company group, in order of first mention, keeping the most specific name."""
    if isinstance(mentions, list) and len(mentions) < 2:
        return list(mentions)
    chosen: dict[str, EntityMention] = {}
    for m in mentions:
        old = chosen.get(m.group)
        if old is None or len(m.canonical) > len(old.canonical):
            chosen[m.group] = m if old is None else replace(m, start_char=old.start_char)
    return sorted(chosen.values(), key=lambda m: m.start_char)


INVESTED_IN = re.compile(r"\s+(?:in|into)\s+$")


def invested_in(d: Draft, companies: list[EntityMention], sentence: Sentence) -> EntityMention | None:
    """The company an investment goes into, named right after the figure ("invest $1.5 billion in G42")."""
    if d.metric != "investment" or not re.search(r"\binvest(?:s|ed|ing|ment)?\b", d.cue_text, re.IGNORECASE):
        return None
    after = [e for e in companies if e.start_char >= d.end]
    before = [e for e in companies if e.end_char <= d.start]
    if after and INVESTED_IN.fullmatch(sentence.text[d.end:after[0].start_char] + " ") \
            and not re.match(r"\s*['’]s\b", sentence.text[after[0].end_char:]) \
            and not (before and group_of(before[-1].canonical) == group_of(after[0].canonical)):
        return after[0]  # not "Amazon said it would invest $4.4 billion in AWS": a group investing in itself
    return None


def company_named_after(d: Draft, companies: list[EntityMention], sentence: Sentence) -> EntityMention | None:
    """A share or growth figure followed by "for" and a company: that company's ("9 percent for Google")."""
    if unit_kind(d.q.unit) not in ("percent", "pp"):
        return None
    after = [e for e in companies if e.start_char >= d.end]
    if after and context_pattern("figure_for_company").fullmatch(sentence.text[d.end:after[0].start_char]):
        return after[0]
    return None


def owned_by_anaphor(d: Draft, left: str) -> bool:
    """The figure's cue word is owned by a pronoun or "the company" ("its revenue", "the firm's capex")."""
    return bool(d.cue_text) and bool(re.search(
        rf"\b(?:its|their|the (?:company|firm|group)['’]s?)\s+(?:[\w-]+\s+){{0,2}}{re.escape(d.cue_text)}", left,
        re.IGNORECASE))


def current_clause(sentence: Sentence, d: Draft) -> str:
    """The clause that holds the figure: from the last clause break before it to the first one after it."""
    right = sentence.text[d.end:d.end + 120]
    after = CLAUSE_BREAK.search(right)
    end = after.start() if after else right.find(",")
    return clause_before(sentence, d) + " " + (right[:end] if end >= 0 else right)


def respective_of_group(d: Draft, drafts: list[Draft], collective: str, sentence: Sentence,
                        state: ArticleState) -> tuple[str, ...] | None:
    """With "respectively", the n-th figure of a group the sentence before named ("those three") is its n-th company."""
    if not state.last_sentence_companies or not says_respectively(sentence):
        return None
    size = next((n for w, n in WORD_COUNT.items() if re.search(rf"\b{w}\b", collective.lower())), None)
    if not size:
        return None
    named = distinct_by_group(state.recent_companies[-state.last_sentence_companies:])[-size:]
    peers = [p for p in drafts if p.metric == d.metric and unit_kind(p.q.unit) == unit_kind(d.q.unit)]
    if len(named) != size or len(peers) != size or d not in peers:
        return None
    return (named[peers.index(d)].canonical,)


def collective_group(cue: str, distinct: list[EntityMention], d: Draft, state: ArticleState) -> tuple | None:
    """Companies a collective phrase ("the top three", "between them") stands for; () when none is named."""
    size = next((n for w, n in WORD_COUNT.items() if re.search(rf"\b{w}\b", cue.lower())), None)
    in_sentence = [e for e in distinct if e.start_char < d.start]
    if len(in_sentence) >= 2 and (size is None or len(in_sentence) == size):
        return tuple(e.canonical for e in in_sentence)
    if size:
        recent = distinct_by_group(state.recent_companies)
        if len(recent) >= size:
            return tuple(e.canonical for e in recent[-size:])
    if len(in_sentence) >= 2:
        return tuple(e.canonical for e in in_sentence)
    recent = distinct_by_group(state.recent_companies[-state.last_sentence_companies:]) \
        if state.last_sentence_companies else []
    if len(recent) >= 2:
        return tuple(e.canonical for e in recent)  # "... Google held 12%. Together the three accounted for 63%"
    return () if size else None


def last_coordinated_run(mentions: list[EntityMention], sentence: Sentence) -> list[EntityMention]:
    """The last run of company mentions joined only by commas and "and"."""
    run = mentions[-1:]
    for a in reversed(mentions[:-1]):
        if not coordinated([a, run[0]], sentence):
            break
        run.insert(0, a)
    return run


def coordinated(mentions: list[EntityMention], sentence: Sentence) -> bool:
    """Company mentions joined only by commas and "and" ("Azure and Google Cloud")."""
    for a, b in zip(mentions, mentions[1:]):
        if not COORDINATION.fullmatch(sentence.text[a.end_char:b.start_char]):
            return False
    return True


def linked_money(d: Draft, drafts: list[Draft]) -> Draft | None:
    """For a percentage, the money figure it describes in the same clause ("grew 28% to $63.1 billion")."""
    if unit_kind(d.q.unit) not in ("percent", "pp"):
        return None
    money = [p for p in drafts if unit_kind(p.q.unit) == CURRENCY and p.metric and p.subject is not None
             and abs(p.start - d.start) < 90]
    money.sort(key=lambda p: abs(p.start - d.start))
    return money[0] if money else None


def paired_in_order(d: Draft, drafts: list[Draft], distinct: list[EntityMention],
                    sentence: Sentence) -> EntityMention | None:
    """A list of companies followed in its clause by a list of as many figures of one kind, without "each" or
    "together": the n-th figure is the n-th company's ("China Telecom, Tencent Cloud and Ksyun, bunched on 8.51
    percent, 7.34 percent and 6.02 percent"), as with "respectively"."""
    before = [e for e in distinct if e.end_char <= d.start]
    run = before if len(before) < 2 or coordinated(before, sentence) else last_coordinated_run(before, sentence)
    if len(run) < 2 or d.metric not in ("market_share", "growth_rate"):
        return None
    after_list = run[-1].end_char
    clause_end = CLAUSE_BREAK.search(sentence.text, after_list)
    end = clause_end.start() if clause_end else len(sentence.text)
    peers = [p for p in drafts if p.metric == d.metric and unit_kind(p.q.unit) == unit_kind(d.q.unit)
             and after_list < p.start < end]
    if len(peers) != len(run) or d not in peers \
            or not all(joined_as_list(sentence.text[a.end:b.start], sentence) for a, b in zip(peers, peers[1:])) \
            or context_pattern("distributive").search(sentence.text[run[0].start_char:peers[-1].end + 20]) \
            or context_pattern("collective").search(sentence.text[run[0].start_char:peers[-1].end + 20]):
        return None
    return run[peers.index(d)]


def listed_spenders(d: Draft, sentence: Sentence) -> tuple[str, ...]:
    """Two or more companies listed in the figure's clause before it and said to spend together ("together",
    "combined", "between them"): the companies whose spending it is; () otherwise."""
    clause = clause_before(sentence, d)
    start = d.start - len(clause)
    listed = [e for e in sentence.companies if start <= e.start_char and e.end_char <= d.start]
    distinct = distinct_by_group(listed)
    if len(distinct) < 2 or not coordinated(listed, sentence) \
            or not context_pattern("collective").search(sentence.text[listed[-1].end_char:d.start]) \
            or context_pattern("spending_received").search(sentence.text[listed[-1].end_char:d.start]):
        return ()
    return tuple(e.canonical for e in distinct)


def class_figure(d: Draft, sentence: Sentence) -> bool:
    """Capex or revenue of a class of companies the text does not name ("hyperscale capex", "capital spending by the
    hyperscale operators", "hyperscale companies took in revenues of $720 billion"): the class's figure with no
    subject, not a market's spending."""
    clause = clause_before(sentence, d)[-100:]
    word, owners = ("capex_word", "company_class") if d.metric == "investment" \
        else ("revenue_word", "company_class_revenue")  # "cloud providers' revenue" is the market's size
    return bool(context_pattern(word).search(clause) and context_pattern(owners).search(clause))


def settle_companyless(d: Draft, sentence: Sentence) -> None:
    """A company's figure (revenue, investment) with no company found: the market's where the sentence speaks of a
    market, an investment with no company where a place attracted it, else no fact (a company we do not know)."""
    if d.metric not in ("investment", "revenue") or d.subject or d.subjects_each:
        return
    text = sentence.text
    market_talk = sentence.analysts or context_pattern("market_subject").search(text) \
        or (sentence.geos and (context_pattern("market_strong").search(text) or context_pattern("segment_word").search(text)
                               or context_pattern("cloud_word").search(text)))
    if class_figure(d, sentence):
        d.rule += "+company_class"  # "capital spending by the hyperscale operators hit $127 billion"
    elif d.unknown_subject:
        d.metric = None
    elif d.metric == "investment" and not context_pattern("spending_word").search(d.cue_text) \
            and not context_pattern("end_buyers").search(text) and (market_talk or sentence.geos):
        d.rule += "+no_company"  # "the Kingdom has attracted over $9 billion in investment": no market size
    elif market_talk:
        d.metric, d.rule = "market_spending", d.rule + "+no_company"  # "End users will put $304.9 billion into ..."
    else:
        d.metric = None
