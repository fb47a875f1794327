"""The handover export as PDF, drawn from the same Markdown the lead also receives (fpdf2, pure Python).

Headings become bold headings, table rows plain lines, emphasis markers are dropped. The built-in Helvetica
knows Latin-1 only: Dutch letters (é, ë, ï) are in it; dashes, arrows and curly quotes are written as their
plain equivalents, so no font file has to be read.
"""

from __future__ import annotations

PLAIN = str.maketrans(
    {
        "—": "-",
        "–": "-",
        "→": "->",
        "↑": "^",
        "↓": "v",
        "…": "...",
        "„": '"',
        "”": '"',
        "“": '"',
        "‘": "'",
        "’": "'",
        "•": "*",
        "·": "-",
    }
)
MARGIN = 15
WIDTH = 180  # A4 (210 mm) minus the margins


def _latin1(text: str) -> str:
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def _plain(line: str) -> str:
    return line.replace("**", "").replace("\\|", "|").replace("  ", " ").strip("_ ").replace(" _", " ")


def markdown_to_pdf(markdown: str, title: str) -> bytes:
    # Imported when a PDF is made, not at start-up: fpdf2 brings numpy, Pillow and fontTools (about 40 MB).
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_creator("Erbij")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, MARGIN)
    pdf.add_page()
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(WIDTH, 8, _latin1(_plain(line[2:])), new_x="LMARGIN", new_y="NEXT")
        elif line.startswith("## "):
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(WIDTH, 7, _latin1(_plain(line[3:])), new_x="LMARGIN", new_y="NEXT")
        elif not line.strip():
            pdf.ln(2)
        elif set(line.replace("|", "").strip()) <= {"-"}:
            continue  # a Markdown table's separator row
        else:
            if line.startswith("|"):
                line = " | ".join(cell.strip() for cell in line.strip("|").split(" | "))
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(WIDTH, 5, _latin1(_plain(line)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
