"""Real small files made in the test, byte by byte: PDFs, Office documents, images, zip bombs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from PIL import Image

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def pdf(lines: list[str] | tuple[str, ...] = ("Hello from a PDF",), padding: int = 0) -> bytes:
    """A valid one-page PDF showing ``lines`` in Helvetica (ASCII text), with a correct xref table.

    ``padding`` adds an unused stream object of that many bytes (to reach an exact file size).
    """

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({escape(line)}) Tj 0 -16 Td" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if padding:
        objects.append(b"<< /Length %d >>\nstream\n" % padding + b"0" * padding + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_of_size(size: int) -> bytes:
    padding = size - len(pdf(padding=1))
    for _ in range(5):
        data = pdf(padding=padding)
        if len(data) == size:
            return data
        padding -= len(data) - size
    raise AssertionError("could not build a PDF of that size")


def _content_types(main: str, main_part: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main}"/>{extra}</Types>'
    )


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def docx_parts(paragraphs=("First paragraph",)) -> dict[str, str]:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return {
        "[Content_Types].xml": _content_types(DOCX_MAIN, "word/document.xml"),
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'
        ),
    }


def pptx_parts(slides=("Slide one",)) -> dict[str, str]:
    parts = {
        "[Content_Types].xml": _content_types(PPTX_MAIN, "ppt/presentation.xml"),
        "_rels/.rels": "<Relationships/>",
        "ppt/presentation.xml": f"<p:presentation {P}/>",
    }
    for number, text in enumerate(slides, start=1):
        parts[f"ppt/slides/slide{number}.xml"] = (
            f"<p:sld {P} {A}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p>"
            "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )
    return parts


def xlsx_parts(strings=("Platform", "Reach")) -> dict[str, str]:
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return {
        "[Content_Types].xml": _content_types(XLSX_MAIN, "xl/workbook.xml"),
        "_rels/.rels": "<Relationships/>",
        "xl/workbook.xml": f"<workbook {S}><sheets/></workbook>",
        "xl/sharedStrings.xml": f'<sst {S} count="{len(strings)}">{items}</sst>',
    }


def zipped(parts: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx(paragraphs=("First paragraph",)) -> bytes:
    return zipped(docx_parts(paragraphs))


def pptx(slides=("Slide one",)) -> bytes:
    return zipped(pptx_parts(slides))


def xlsx(strings=("Platform", "Reach")) -> bytes:
    return zipped(xlsx_parts(strings))


def set_encrypted_flag(archive: bytes) -> bytes:
    """Mark every entry as encrypted, in the local headers and the central directory."""
    data = bytearray(archive)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flag_offset] |= 0x1
            start = data.find(signature, start + 4)
    return bytes(data)


def zip_bomb(member_bytes: int = 64 * 1024 * 1024) -> bytes:
    """A DOCX whose document.xml is ``member_bytes`` of one repeated byte (about 1000:1)."""
    parts: dict[str, str | bytes] = dict(docx_parts())
    parts["word/document.xml"] = b" " * member_bytes
    return zipped(parts)


GPS_LATITUDE = 0x8825  # GPSInfo IFD
ARTIST = 0x013B
ORIENTATION = 0x0112


def exif_for(image: Image.Image, orientation: int | None = None) -> bytes:
    exif = image.getexif()
    exif[ARTIST] = "Dr. Jane Example, Ward 7"
    exif[0x010F] = "CameraMaker"
    if orientation:
        exif[ORIENTATION] = orientation
    return exif.tobytes()


def jpeg(size=(40, 20), orientation: int | None = None, with_exif: bool = True) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    options = {"exif": exif_for(image, orientation)} if with_exif else {}
    image.save(out, "JPEG", **options)
    return out.getvalue()


def png(size=(40, 20), with_exif: bool = True, mode: str = "RGBA") -> bytes:
    image = Image.new(mode, size)
    out = io.BytesIO()
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Dr. Jane Example")
    options = {"exif": exif_for(image), "pnginfo": info} if with_exif else {}
    image.save(out, "PNG", **options)
    return out.getvalue()


@dataclass
class Upload:
    """What a form post gives a view: ``filename`` and ``stream`` (like werkzeug's FileStorage)."""

    filename: str
    data: bytes

    @property
    def stream(self) -> io.BytesIO:
        if not hasattr(self, "_stream"):
            self._stream = io.BytesIO(self.data)
        return self._stream


def hostile_pdf(pages: int = 40, stream_bytes: int = 4_000_000) -> bytes:
    """A small PDF whose ``pages`` pages all point at one compressed content stream that expands to
    ``stream_bytes`` of text operators: tiny on disk, but every page makes a reader decode and
    parse the whole stream again."""
    import zlib

    operator = b"BT /F1 12 Tf 72 720 Td (Padding text for every page) Tj ET\n"
    content = zlib.compress(operator * (stream_bytes // len(operator)), 9)
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 3 0 R >> >> >>"
    ] * pages
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
