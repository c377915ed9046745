"""sms language

The language ("en" or "es") a phone number's last reply was in: the SMS
channel's own texts (help, opt-out, "sorry") and the hint for a message too
short to tell its language (channels/sms.py) follow it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 17:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sms_conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sms_conversations', schema=None) as batch_op:
        batch_op.drop_column('language')
