"""Alembic environment: migrations run against the connection the pipeline hands over."""

from alembic import context
from sqlalchemy import engine_from_config, pool

# Importing schemas.meetings also registers its tables on Base.metadata.
from schemas.meetings import include_name
from schemas.sql import Base

target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        # SQLite alters tables by copying them; batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as conn:
        _run(conn)


def _running_under_alembic() -> bool:
    # Alembic fills in its context only while it runs this script; imported otherwise
    # (a walk over the package's modules), the script has nothing to do.
    try:
        context.config  # noqa: B018
    except AttributeError:
        return False
    return True


if _running_under_alembic():
    if context.is_offline_mode():
        run_migrations_offline()
    else:
        run_migrations_online()
