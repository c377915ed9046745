"""content edits

The clinic's edits of the assistant's answers (the console's Content page):
proposed by one staff member, approved or rejected by a second clinician. Two
partial unique indexes keep at most one waiting and at most one live edit per
answer (SQLite and PostgreSQL both support `CREATE UNIQUE INDEX ... WHERE`), so
two approvals of the same answer at the same moment cannot both be stored.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 15:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('content_edits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=255), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sources', sa.Text(), nullable=False),
    sa.Column('base_version', sa.String(length=16), nullable=False),
    sa.Column('proposed_by', sa.Integer(), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('proposed', 'approved', 'rejected', 'superseded')",
                       name='ck_content_edits_status'),
    sa.ForeignKeyConstraint(['proposed_by'], ['staff_users.id'], ),
    sa.ForeignKeyConstraint(['decided_by'], ['staff_users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('content_edits', schema=None) as batch_op:
        batch_op.create_index('ix_content_edits_status_answer', ['status', 'answer'], unique=False)
        for name, status in (('uq_content_edits_one_pending', 'proposed'), ('uq_content_edits_one_live', 'approved')):
            batch_op.create_index(name, ['answer'], unique=True,
                                  sqlite_where=sa.text(f"status = '{status}'"),
                                  postgresql_where=sa.text(f"status = '{status}'"))


def downgrade() -> None:
    with op.batch_alter_table('content_edits', schema=None) as batch_op:
        batch_op.drop_index('uq_content_edits_one_live')
        batch_op.drop_index('uq_content_edits_one_pending')
        batch_op.drop_index('ix_content_edits_status_answer')
    op.drop_table('content_edits')
