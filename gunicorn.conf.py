"""gunicorn's settings for every server started from the project's root (gunicorn reads ./gunicorn.conf.py
by itself; options on the command line, such as --bind and --workers, take precedence).

limit_request_line: gunicorn refuses a request line (method, target and protocol) over 4,094 bytes by
default, with its own 414 page. The police.uk-compatible API must serve a GET of up to 4,094 characters and
answer a longer one with its own 400 telling the client to POST (sn.policeapi.middleware), so gunicorn
lets through lines up to its maximum and the application decides."""

limit_request_line = 8190
