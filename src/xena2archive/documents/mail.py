"""E-mails (.eml, Outlook .msg): a readable page of the message, and its attachments set apart.

A bill often reaches the bookkeeper as an e-mail with the bill attached, and the e-mail itself is
what was uploaded as the voucher. The copy of the e-mail is one HTML page rendered offline
(``render.py``): From, To, Cc, Date and Subject, the list of attachments, then the body: the HTML
part if there is one (what the sender's program showed; inline images by ``cid:``, nothing
fetched), else the plain text. Every attachment is written out as a file of its own, so the
pipeline identifies, converts and links it like any uploaded document (``Attachment``).

.eml is read with the standard library (``email``, ``policy.default``: RFC 2047 names and
headers decoded, every part's transfer encoding undone). .msg, Outlook's own compound file, is
read with ``extract-msg``, the maintained parser of the format.
"""

from __future__ import annotations

import email
import hashlib
import html
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from pathlib import Path, PurePosixPath
from typing import Any, Final

from lxml import etree
from lxml import html as lxml_html

from xena2archive import findings as F
from xena2archive.findings import Finding
from xena2archive.bag.names import portable_name
from xena2archive.documents import render
from xena2archive.documents.made import Made, Work
from xena2archive.documents.model import Attachment, DocumentJob, Identity, NotConvertible
from xena2archive.documents.text import decode, html_text

_MAX_NAME_BYTES: Final = 120
_HEADERS: Final = (("From", "Fra"), ("To", "Til"), ("Cc", "Cc"), ("Date", "Dato"), ("Subject", "Emne"))


@dataclass
class Mail:
    """What the page of an e-mail shows. ``headers``: (label, value) in display order;
    ``body_html`` or ``body_text`` (one of them, or neither); ``inline``: the parts an HTML body
    may show by Content-ID."""

    headers: list[tuple[str, str]]
    body_html: str | None = None
    body_text: str | None = None
    inline: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    parts: list[tuple[str, bytes, str | None]] = field(default_factory=list)  # (name, bytes, type)
    notes: list[Finding] = field(default_factory=list)


class MailUnreadable(Exception):
    """The file is not an e-mail the parser can read."""


def to_pdf(job: DocumentJob, identity: Identity, work: Work) -> Made:
    """The page of the e-mail ``job.original``. Its attachments are written to
    ``job.attachments`` and listed in ``work.attachments`` before the page is made."""
    try:
        message = read(job.original, identity.format)
    except MailUnreadable as error:
        raise NotConvertible("mail-unreadable", F.DOC_MAIL_UNREADABLE("", error=str(error))) from error
    notes = list(message.notes)
    if message.parts and job.attachments is not None:
        work.attachments.extend(write_attachments(message, job.attachments))
        notes.append(F.DOC_ATTACHMENTS_APART("", count=len(work.attachments)))
    elif message.parts:
        notes.append(F.DOC_ATTACHMENTS_INSIDE("", count=len(message.parts)))
    made = render.rendered(job, identity, page(message, work.attachments, job.name), message.inline,
                           has_text=True)  # the headers are text
    made.notes = (*notes, *made.notes)
    return made


def text_of(path: Path, fmt: str) -> str:
    """The e-mail's header fields (as its page shows them) and its body as text. Raises
    MailUnreadable."""
    message = read(path, fmt)
    headers = "".join(f"{label}: {value}\n" for label, value in message.headers)
    body = html_text(message.body_html) if message.body_html is not None else message.body_text or ""
    return f"{headers}\n{body}"


def read(path: Path, fmt: str) -> Mail:
    """Parse the e-mail at ``path`` (``fmt`` "eml" or "msg"). Raises MailUnreadable."""
    try:
        return _read_eml(path) if fmt == "eml" else _read_msg(path)
    except MailUnreadable:
        raise
    except (MemoryError, RecursionError):
        raise
    except Exception as error:  # the parsers' many ways to say "damaged"
        raise MailUnreadable(f"{type(error).__name__}: {error}") from error


def write_attachments(mail: Mail, folder: Path) -> list[Attachment]:
    """Write every attachment to ``folder`` under a safe, unique name (numbered in mail order)."""
    written = []
    for number, (name, data, content_type) in enumerate(mail.parts, start=1):
        file = f"{number:02d}-{_safe_name(name, content_type, number)}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file).write_bytes(data)
        written.append(Attachment(file=file, name=name, content_type=content_type, size=len(data)))
    return written


def page(mail: Mail, attachments: list[Attachment], title: str) -> str:
    """The HTML page of the e-mail: its header block, the list of attachments, the body."""
    rows = "".join(
        f"<tr><th>{label}</th><td>{html.escape(value)}</td></tr>" for label, value in mail.headers
    )
    if attachments:
        listed = "".join(
            f"<li>{html.escape(a.name)} ({html.escape(a.content_type or 'ukendt type')}, {a.size} bytes)</li>"
            for a in attachments
        )
        rows += f"<tr><th>Vedhæftet</th><td><ul>{listed}</ul></td></tr>"
    header = f'<table class="xena2archive-mail">{rows}</table><hr class="xena2archive-mail">'
    style = (
        "@page { size: A4; margin: 16mm 14mm; } "
        "table.xena2archive-mail { border-collapse: collapse; font: 10pt 'DejaVu Sans', sans-serif; "
        "margin-bottom: 4mm; } "
        "table.xena2archive-mail th { text-align: left; vertical-align: top; padding: 1mm 4mm 1mm 0; } "
        "table.xena2archive-mail td { overflow-wrap: anywhere; padding: 1mm 0; } "
        "table.xena2archive-mail ul { margin: 0; padding-left: 5mm; } "
        "pre.xena2archive-mail { white-space: pre-wrap; overflow-wrap: anywhere; "
        "font: 9.5pt 'DejaVu Sans Mono', monospace; }"
    )
    if mail.body_html is not None:
        return _into_html_body(mail.body_html, header, style, title)
    body = f'<pre class="xena2archive-mail">{html.escape(mail.body_text or "")}</pre>'
    return (
        f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{style}</style></head><body>{header}{body}</body></html>"
    )


def _into_html_body(body_html: str, header: str, style: str, title: str) -> str:
    """The sender's HTML with our header block first in its body (scripts removed; they would
    not run anyway, and must not be part of what is printed)."""
    try:
        document = lxml_html.document_fromstring(body_html or "<p></p>")
    except (etree.ParserError, ValueError):
        document = lxml_html.document_fromstring(f"<pre>{html.escape(body_html)}</pre>")
    for script in document.xpath("//script"):
        script.drop_tree()
    head = document.find("head")
    if head is None:
        head = etree.Element("head")
        document.insert(0, head)
    for element in lxml_html.fragments_fromstring(f"<style>{style}</style><title>{html.escape(title)}</title>"):
        head.append(element)
    body = document.find("body")
    if body is None:
        body = etree.SubElement(document, "body")
    for position, element in enumerate(lxml_html.fragments_fromstring(header)):
        body.insert(position, element)
    return "<!DOCTYPE html>" + etree.tostring(document, encoding="unicode", method="html")


# --- .eml -----------------------------------------------------------------------------------


def _read_eml(path: Path) -> Mail:
    with path.open("rb") as stream:
        message = email.message_from_binary_file(stream, policy=policy.default)
    if not isinstance(message, EmailMessage) or not any(message.get(h) for h, _ in _HEADERS):
        raise MailUnreadable("no From, To, Date or Subject header")
    mail = Mail(headers=[(label, _header(message, name)) for name, label in _HEADERS if message.get(name)])
    body = message.get_body(preferencelist=("html", "plain"))
    skip: set[int] = set()
    if body is not None:
        text = _part_text(body, mail.notes)
        if body.get_content_subtype() == "html":
            mail.body_html = text
        else:
            mail.body_text = text
        skip = {id(p) for p in _alternatives(message, body)}
    for part in _leaves(message):
        if id(part) in skip:
            continue
        data = part.get_payload(decode=True) if not part.is_multipart() else None
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload(0) if isinstance(part.get_payload(), list) else None
            data = inner.as_bytes(policy=policy.default) if isinstance(inner, Message) else (data or b"")
        data = data if isinstance(data, bytes) else b""
        name = part.get_filename() or ""
        content_id = part.get("Content-ID")
        if content_id:
            mail.inline[content_id] = (data, part.get_content_type())
        mail.parts.append((name, data, part.get_content_type()))
    return mail


def _header(message: EmailMessage, name: str) -> str:
    try:
        return " ".join(str(message.get(name, "")).split())
    except Exception:  # a header the policy cannot parse: show it as it is
        return " ".join(str(message.get_all(name, [""])[0]).split())


def _leaves(message: Message) -> Iterator[Message]:
    """Every part below ``message`` that is not a container; an attached e-mail (message/rfc822)
    is one part. A message that is not multipart is its own one part."""
    if not message.is_multipart():
        yield message
        return
    for part in message.get_payload():  # type: ignore[union-attr]
        if not isinstance(part, Message):
            continue
        if part.get_content_type() == "message/rfc822" or not part.is_multipart():
            yield part
        else:
            yield from _leaves(part)


def _alternatives(message: EmailMessage, body: Message) -> list[Message]:
    """The body part and its text alternatives (the same content in another form)."""
    for part in message.walk():
        if part.get_content_type() == "multipart/alternative":
            payload = part.get_payload()
            children = [c for c in payload if isinstance(c, Message)] if isinstance(payload, list) else []
            if any(_contains(child, body) for child in children):
                return [body, *(c for c in children if c.get_content_maintype() == "text")]
    return [body]


def _contains(part: Message, wanted: Message) -> bool:
    return part is wanted or (part.is_multipart() and any(
        _contains(p, wanted) for p in part.get_payload() if isinstance(p, Message)))


def _part_text(part: Message, notes: list[Finding]) -> str:
    """A text part's content in its declared charset, or as detected when that fails."""
    data = part.get_payload(decode=True)
    data = data if isinstance(data, bytes) else b""
    charset = part.get_content_charset()
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode(data, html_document=part.get_content_subtype() == "html")
    read, *more = decoded.notes
    notes.extend([F.DOC_BODY_CHARSET("", wrong=bool(charset), read=read), *more])
    return decoded.text


# --- .msg -----------------------------------------------------------------------------------


def _read_msg(path: Path) -> Mail:
    import extract_msg  # imported here: it is large, and only e-mails need it

    message = extract_msg.openMsg(str(path), strict=False, delayAttachments=False)
    try:
        return _from_msg(message)
    finally:
        message.close()


def _from_msg(message: Any) -> Mail:
    values = {
        "From": getattr(message, "sender", None),
        "To": getattr(message, "to", None),
        "Cc": getattr(message, "cc", None),
        "Date": str(message.date) if getattr(message, "date", None) else None,
        "Subject": getattr(message, "subject", None),
    }
    if not any(values.values()):
        raise MailUnreadable("an Outlook file without sender, recipients, date or subject")
    # Outlook's strings may keep their terminating NUL; it is no part of the text.
    mail = Mail(headers=[(label, " ".join(str(values[name]).replace("\x00", " ").split()))
                         for name, label in _HEADERS if values[name]])
    html_body = message.getStream("__substg1.0_10130102") if hasattr(message, "getStream") else None
    if html_body:
        mail.body_html = decode(html_body, html_document=True).text
    elif getattr(message, "body", None):
        mail.body_text = message.body.replace("\x00", "")
    elif getattr(message, "rtfBody", None) and (deencapsulated := message.htmlBody):
        mail.body_html = decode(deencapsulated, html_document=True).text
    for attachment in getattr(message, "attachments", []):
        data = attachment.data
        if hasattr(data, "exportBytes"):  # an attached Outlook message: kept as its own .msg
            data = data.exportBytes()
        if not isinstance(data, bytes):
            mail.notes.append(F.DOC_ATTACHMENT_EMPTY("", name=attachment.name or "?"))
            continue
        name = getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None) or ""
        content_type = getattr(attachment, "mimetype", None)
        if content_id := getattr(attachment, "cid", None):
            mail.inline[content_id] = (data, content_type or "application/octet-stream")
        mail.parts.append((name, data, content_type))
    return mail


# --- names ----------------------------------------------------------------------------------


def _safe_name(name: str, content_type: str | None, number: int) -> str:
    """The attachment's own file name without any folder, readable by every BagIt tool, short
    enough for any file system; a name from its type where the e-mail gives none."""
    leaf = PurePosixPath(name.replace("\\", "/")).name if name else ""
    leaf = portable_name(leaf).lstrip(".") if leaf else ""
    if not leaf:
        extension = mimetypes.guess_extension(content_type or "") or ".bin"
        leaf = f"del-{number}{extension}"
    encoded = leaf.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        _stem, dot, extension = leaf.rpartition(".")
        extension = dot + extension if dot and len(extension) <= 10 else ""
        digest = hashlib.sha256(encoded).hexdigest()[:8]
        leaf = encoded[: _MAX_NAME_BYTES - 20].decode("utf-8", "ignore") + f"~{digest}{extension}"
    return leaf
