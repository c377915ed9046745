"""answer feedback

A patient's "Helpful? Yes / No" (and optional comment) on one answer in the web
chat: one row per rated bot message, unique per conversation and message id.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 15:20:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('answer_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.String(length=255), nullable=False),
    sa.Column('message_id', sa.String(length=80), nullable=False),
    sa.Column('answer', sa.String(length=255), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('conversation_id', 'message_id', name='uq_answer_feedback_message')
    )
    with op.batch_alter_table('answer_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_feedback_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_feedback_answer'), ['answer'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_feedback_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('answer_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_feedback_created_at'))
        batch_op.drop_index(batch_op.f('ix_answer_feedback_answer'))
        batch_op.drop_index(batch_op.f('ix_answer_feedback_conversation_id'))
    op.drop_table('answer_feedback')
