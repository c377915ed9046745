"""Everything the assistant says has one home: the responses in domain.yml.

* `fill` puts the clinic's settings into a response ({clinic_name},
  {clinic_phone}, {clinic_hours}, {clinic_address}, {clinic_after_hours}) and
  leaves out each sentence whose setting is empty;
* `nlg.ContentNLG` is Rasa's response generator with that step first
  (endpoints.yml `nlg:`), so slots and an action's values still fill the rest;
* `texts.text(name, **values)` reads a response by name for code that talks
  outside a Rasa turn: the channels (SMS keywords, fallbacks), the web chat
  widget's own strings and the safety replies.

tests/test_one_home.py fails when patient-facing text turns up in code.
"""
