"""A small two-day English course with two facilitators, a one-day variant and a client edition, written
into a folder for the variant, facilitator and handout tests."""
from __future__ import annotations

from pathlib import Path

COURSE = """\
title: Negotiating Enterprise Deals
subtitle: From first call to signed contract
organisation: Northwind Training
language: en
facilitators:
  - name: Ann Lee
    role: lead trainer
  - name: Bo Chen
    role: co-facilitator
    colour: "#C2410C"
client: house.yaml
days:
  - title: Day one
    start: "09:00"
    end: "17:00"
    breaks:
      - at: "10:30"
        minutes: 15
      - at: "12:00"
        minutes: 60
    modules: [01-prepare.yaml, 02-open.yaml]
  - title: Day two
    start: "09:00"
    breaks:
      - at: "10:30"
        minutes: 15
    modules: [03-close.yaml]
variants:
  - name: one-day
    description: the essentials in one day
    days:
      - like: 1
        title: The one-day edition
        end: "16:30"
        modules: [01-prepare.yaml, 03-close.yaml]
    minutes:
      - module: 03-close.yaml
        section: Closing techniques
        minutes: 45
  - name: acme
    client: acme.yaml
    subtitle: A programme for {client}
"""

PREPARE = """\
number: 1
title: Prepare to win
lead: Ann Lee
sections:
  - kind: content
    title: Know your walk-away point
    minutes: 30
    points: [Your BATNA, Their BATNA, The zone of agreement]
    notes: Ask who has walked away from a deal this year.
  - kind: content
    title: Map the buying centre at {client}
    minutes: 20
    lead: Bo Chen
    skip: [one-day]
    points: [Economic buyer, Champion, Blockers]
    notes: Draw the buying centre of {client_short} on the flipchart.
  - kind: exercise
    title: Plan a negotiation
    minutes: 40
    lead: BC
    task: Each pair plans a negotiation for a {industry} account.
    notes: Walk the room; keep pairs to time.
"""

OPEN = """\
number: 2
title: Open strong
lead: Bo Chen
sections:
  - kind: content
    title: Anchoring
    minutes: 45
    points: [First offers, Ranges, Reasons]
    notes: Tell the story of the first offer.
  - kind: content
    title: Questions that open
    minutes: 60
    points: [Open questions, Silence, Summaries]
    notes: Practise in threes.
"""

CLOSE = """\
number: 3
title: Close the deal
sections:
  - kind: content
    title: Closing techniques
    minutes: 60
    points: [Trial close, Summary close, Next step close]
    notes: Show the three closes with examples.
  - kind: content
    title: Only in the long edition
    minutes: 30
    only: [default, acme]
    points: [Multi-year contracts]
    notes: Only when there is time.
"""

HOUSE = "name: our clients\nindustry: your industry\n"
ACME = """\
name: Acme Rockets Ltd
short_name: Acme
industry: aerospace
"""


def make_variant_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"course.yaml": COURSE, "01-prepare.yaml": PREPARE, "02-open.yaml": OPEN, "03-close.yaml": CLOSE,
             "house.yaml": HOUSE, "acme.yaml": ACME}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
