"""Page chrome copied along with an outline from a web page or PDF: page numbers, download buttons, image notices."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A whole line that is chrome. Each pattern is about the page, never about a course.
_LINES = [
    r"(?:you are on )?page\s*\d+\s*(?:of|/)\s*\d+", r"page\s+\d+", r"\d{1,3}", r"[-–—]\s*\d{1,3}\s*[-–—]",
    r"slide\s+\d+(?:\s+of\s+\d+)?", r"you might also like", r"related (?:posts|articles|documents)",
    r"similar documents", r"download(?: as)? (?:pdf|docx?|pptx?)(?: or \w+)?", r"download(?: now| this document)?",
    r"share (?:this|on \w+)", r"print(?: this page)?", r"back to top", r"read more", r"jump to:?.*navigation.*",
    r"skip to (?:main )?content", r"table of contents", r"advertisement", r"cookies?.*",
    r"(?:image|photo) (?:source|credit).*",
    r"©.*", r"copyright.*", r"all rights reserved.*", r"\d+\s*views?(?:\s+\d+\s*downloads?)?", r"\d+(?:y|mo|d) ago",
    r"scroll to continue", r"click (?:here|to) .*", r"loading\.*", r"about this (?:presentation|document)",
    r"第\s*\d+\s*[页頁](?:\s*/\s*共\s*\d+\s*[页頁])?", r"共\s*\d+\s*[页頁]", r"[^\s]{0,40}_第\d+[页頁]",
    r"已阅读\d+[页頁].*", r"已閱讀\d+[页頁].*", r"还剩\d+[页頁]未读.*", r"全文预览已结束", r"下载本文档", r"下載本文檔",
    r"点击查看更多.*", r"查看更多", r"(?:相关|猜你喜欢|推荐阅读|相关推荐|热门推荐).{0,10}", r"举报", r"上一[页篇].*",
    r"下一[页篇].*", r"返回(?:列表|首页|顶部)?", r"分享到.*", r"(?:收藏|点赞|评论)\s*\d*", r"文档简介", r"文檔簡介",
    r"版权说明[:：].*", r"版權說明[:：].*", r"[(（]?图片来源(?:于)?网络[，,]?\s*侵删[)）]?", r"发布时间[:：].*",
    r"发布于.*", r"导航[:：].*", r"首页\s*[>»].*", r"当前位置[:：].*", r"阅读\s*\d+", r"浏览\s*\d+\s*次?",

]
# A table of contents: titles, dot leaders and page numbers, however long the line.
_CONTENTS = re.compile(r"^\s*(?:[^.…]{2,80}?\s*(?:\.{2,}|…+)\s*\d{1,3}\s*){2,}$")
_LINE = re.compile(rf"^\s*(?:{'|'.join(_LINES)})\s*$", re.IGNORECASE)
# Chrome inside a line of running text (one-line copies keep their chrome in the middle).
_INLINE = re.compile(
    r"[(（]\s*图片来源(?:于)?网络[，,]?\s*侵删\s*[)）]|You are on page\s*\d+\s*of\s*\d+|You might also like"
    r"|Download as pdf or txt|版权说明[:：].{0,60}?(?:认领|举报)|已阅读\d+页[，,]还剩\d+页未读[，,]?\s*继续免费阅读"
    r"|下载本文档|下載本文檔|文档简介|文檔簡介|(?:[^\s_]{1,40}_第\d+[页頁])+", re.IGNORECASE)
_MAX_CHROME_LINE = 60  # characters: a longer line is a one-line copy of the page, chrome and outline together


@dataclass(frozen=True)
class Dropped:
    line: int  # 1-based
    col: int
    text: str


def drop_chrome(lines: list[str]) -> tuple[list[str], list[Dropped]]:
    """The lines with chrome blanked out (line numbers kept), and what was dropped, for the warnings."""
    out: list[str] = []
    dropped: list[Dropped] = []
    for number, line in enumerate(lines, start=1):
        short = len(line.strip()) <= _MAX_CHROME_LINE
        if line.strip() and ((short and _LINE.match(_bare(line))) or _CONTENTS.match(line)) \
                and not _is_outline_number(line):
            dropped.append(Dropped(number, len(line) - len(line.lstrip()) + 1, line.strip()))
            out.append("")
            continue
        kept, pos = [], 0
        for m in _INLINE.finditer(line):
            kept.append(line[pos:m.start()])
            dropped.append(Dropped(number, m.start() + 1, m.group(0).strip()))
            pos = m.end()
        kept.append(line[pos:])
        out.append("".join(kept) if pos else line)
    return out, dropped


def _bare(line: str) -> str:
    return line.strip().strip("*#>|").strip()


def _is_outline_number(line: str) -> bool:
    """"1." or "1、" alone on a line is a list number whose text follows on the next line, not a page number."""
    return bool(re.match(r"^\s*\d{1,2}\s*[.、)）]\s*$", line))
