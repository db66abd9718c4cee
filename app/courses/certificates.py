"""Certificate of completion as a PDF, written with fpdf2 (pure Python, no network fonts).

The PDF uses the PDF core font Helvetica, so it needs no font file; text outside Latin-1 is
folded to its closest Latin-1 form (accents kept where Latin-1 has them). The certificate's
verification URL is printed on it, and the public page at that URL is the proof.
"""

from __future__ import annotations

import unicodedata

from ..mail import absolute_url
from .models import Enrolment


def _latin1(text: str) -> str:
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        folded = unicodedata.normalize("NFKD", text)
        kept = "".join(ch for ch in folded if not unicodedata.combining(ch))
        return kept.encode("latin-1", "replace").decode("latin-1")


def verification_url(enrolment: Enrolment) -> str:
    return absolute_url("courses.certificate", code=enrolment.certificate_code)


def certificate_pdf(enrolment: Enrolment, site_name: str) -> bytes:
    # Imported here: fpdf2 brings fontTools and numpy, about 40 MB in every worker for a rare page.
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_title(_latin1(f"Certificate: {enrolment.course.title}"))
    pdf.set_creator(_latin1(site_name))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(30, 90, 140)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, 277, 190)
    pdf.set_y(35)
    pdf.set_font("Helvetica", "", 16)
    pdf.cell(0, 10, _latin1(site_name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 30)
    pdf.cell(0, 22, "Certificate of completion", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 12, "This certifies that", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(0, 16, _latin1(enrolment.user.name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 12, "completed the course", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, _latin1(enrolment.course.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    completed = enrolment.completed_at
    pdf.cell(0, 12, f"on {completed:%d %B %Y}" if completed else "", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(175)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "Verify this certificate at:", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, _latin1(verification_url(enrolment)), align="C", link=verification_url(enrolment))
    return bytes(pdf.output())
