from councilpdf.cli import app

app()
