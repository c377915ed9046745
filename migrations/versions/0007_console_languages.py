"""console languages

The staff console knows each conversation's language ("en" or "es", the Rasa
slot `language`; unset = English): a `language` column on the console's index
(with an index for the list's language filter), on each patient message
(conversation_turns) and on NLU corrections, so the training inbox and the
exports keep it. Content edits get a `language` too: the English and the
Spanish text of an answer are proposed and approved separately, so the two
partial unique indexes (one waiting, one live edit) are per answer and language.

The index is derived from the tracker store. Its search words are now kept
without accents ("riñón" as "rinon") and its rows need their language, so every
conversation is marked for indexing again: the console's indexer reads them all
on its next run (`python -m console.indexer` does it at once on a large store).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 18:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

LANGUAGE_TABLES = ('conversation_index', 'conversation_turns', 'nlu_corrections', 'content_edits')
ONE_PER_STATUS = (('uq_content_edits_one_pending', 'proposed'), ('uq_content_edits_one_live', 'approved'))


def _language_column() -> sa.Column:
    # A literal server default: SQLite adds the column in place (no table copy).
    return sa.Column('language', sa.String(length=8), nullable=False, server_default='en')


def upgrade() -> None:
    for table in LANGUAGE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_language_column())
    with op.batch_alter_table('conversation_index', schema=None) as batch_op:
        batch_op.create_index('ix_conversation_index_language_started', ['language', 'started_at', 'id'],
                              unique=False)
    with op.batch_alter_table('content_edits', schema=None) as batch_op:
        for name, status in ONE_PER_STATUS:
            batch_op.drop_index(name)
            batch_op.create_index(name, ['answer', 'language'], unique=True,
                                  sqlite_where=sa.text(f"status = '{status}'"),
                                  postgresql_where=sa.text(f"status = '{status}'"))
    # Index every conversation again (languages, accent-free search words).
    op.execute("UPDATE conversation_index SET last_event_id = 0")
    op.execute("DELETE FROM console_sync_state WHERE key LIKE 'events:%'")


def downgrade() -> None:
    # Spanish edits have no place in the older schema (one edit per answer).
    op.execute("DELETE FROM content_edits WHERE language <> 'en'")
    with op.batch_alter_table('content_edits', schema=None) as batch_op:
        for name, _ in ONE_PER_STATUS:
            batch_op.drop_index(name)
    with op.batch_alter_table('content_edits', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('content_edits', schema=None) as batch_op:
        for name, status in ONE_PER_STATUS:
            batch_op.create_index(name, ['answer'], unique=True,
                                  sqlite_where=sa.text(f"status = '{status}'"),
                                  postgresql_where=sa.text(f"status = '{status}'"))
    with op.batch_alter_table('conversation_index', schema=None) as batch_op:
        batch_op.drop_index('ix_conversation_index_language_started')
    for table in ('conversation_index', 'conversation_turns', 'nlu_corrections'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('language')
    op.execute("UPDATE conversation_index SET last_event_id = 0")
    op.execute("DELETE FROM console_sync_state WHERE key LIKE 'events:%'")
