"""Facilitators and who leads what, settled when a course is loaded: initials, and a lead for every section."""
from __future__ import annotations

from dataclasses import replace

from .errors import Diagnostics, Loc
from .outline import Course, Facilitator, Module
from .spec import _suggest


def facilitator_list(listed, trainers: tuple[str, ...], diags: Diagnostics,
                     trainers_loc=None) -> tuple[Facilitator, ...]:
    """The course's facilitators (default: its trainers, located at `trainers:`), each with initials, names
    and initials unique."""
    people = list(listed) if listed else [Facilitator(name=t, loc=trainers_loc) for t in trainers]
    out: list[Facilitator] = []
    for f in people:
        if any(o.name == f.name for o in out):
            diags.error(f"facilitator '{f.name}' is listed twice", f.loc)
            continue
        f = replace(f, initials=f.initials or initials_of(f.name))
        clash = next((o for o in out if o.initials == f.initials), None)
        if clash is not None:
            diags.error(f"facilitators '{clash.name}' and '{f.name}' would both show as '{f.initials}' on the "
                        "agenda", f.loc, "give one of them 'initials:'")
        out.append(f)
    return tuple(out)


def initials_of(name: str) -> str:
    """A badge for the agenda: Latin names by their words' first letters (Ann Lee: AL), others (王明) as
    written, up to three characters."""
    words = name.split()
    if name.isascii() and words:
        return "".join(w[0].upper() for w in words)[:3]
    return name.replace(" ", "")[:3]


def with_leads(course: Course, loaded: dict, diags: Diagnostics) -> Course:
    """Every module and section with the facilitator who leads it (a section: its own `lead`, else its
    module's, else the first facilitator's); an unknown name is an error listing the known ones."""
    known = course.facilitators
    default = known[0].name if known else None
    fixed: dict[int, Module] = {}

    def who(name: str | None, loc: Loc | None, fallback: str | None) -> str | None:
        if name is None:
            return fallback
        hit = next((f for f in known if name in (f.name, f.initials)), None)
        if hit is None:
            listing = ", ".join(f.name for f in known)
            hint = (f"facilitators: {listing}" if known else
                    "add 'facilitators:' (or 'trainers:') to course.yaml")
            diags.error(f"unknown facilitator '{name}' in 'lead'{_suggest(name, [f.name for f in known])}",
                        loc, hint)
            return fallback
        return hit.name

    def fix(module: Module) -> Module:
        if id(module) not in fixed:
            lead = who(module.lead, module.loc, default)
            sections = tuple(replace(s, lead=who(s.lead, s.loc, lead)) for s in module.sections)
            fixed[id(module)] = replace(module, lead=lead, sections=sections)
        return fixed[id(module)]

    days = tuple(replace(d, modules=tuple(fix(m) for m in d.modules)) for d in course.days)
    variants = tuple(replace(v, days=tuple(replace(vd, modules=tuple(fix(m) for m in vd.modules))
                                           for vd in v.days)) for v in course.variants)
    for key, module in list(loaded.items()):  # the variants' own module files too
        if module is not None:
            loaded[key] = fix(module)
    return replace(course, days=days, variants=variants)
