"""Readers of structured formats: Akoma Ntoso XML, Word (.docx) and PDF.

Each reader turns the bytes of one file into what the rest of the pipeline expects:

* :func:`kg.readers.akn.read_akn` and :func:`kg.readers.docx.read_docx` return a
  :class:`kg.laid.Laid` (blocks with role hints, explicit footnote markers, footnotes, ``meta``),
  so the layout stage has nothing left to do;
* :func:`kg.readers.pdf.read_pdf` returns the page text (pages separated by form feeds,
  superscript footnote markers made explicit, indentation and paragraph gaps kept as spaces and
  blank lines), which the PDF-text layout of :mod:`kg.layout` lays out.

Every reader raises :class:`kg.errors.InputError` naming the file when it cannot read it.
"""
