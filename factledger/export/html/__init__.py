"""`export html`: one self-contained page that opens from disk in any current browser, with no network.

``page`` decides what the report says (from the same views the terminal shows: the question summaries,
every claim's view, the sources, the findings and the timeline's series), within the size budget of
``budget``; ``charts`` lays out the time charts; ``writer`` spells it all through Jinja2's autoescaping
templates (``templates/``) under a Content-Security-Policy that lets nothing but the page's own style
and script run.
"""
