from claimex.cli import app

app(prog_name="claimex")
