"""A realistic history of dossiers, written in bulk, row for row what the services would write.

    plan:   timeline.py (how many a day) → offer.py (what can be filed that day) →
            planner.py / story.py / work.py (each dossier's actions, drawn with a seeded RNG),
            ratings.py (citizens rating the officials at the counter)
    rows:   mirror/ (each service computed in memory, applied as the plan is drawn)
    write:  writer.py (keys from the tables' sequences, codes from DossierCounter) →
            postgres.py (binary COPY, foreign keys checked per batch) or sqlite.py;
            indexes.py (a large load on PostgreSQL builds the plain indexes once, at the end);
            parallel.py (several processes, PostgreSQL only)
    check:  replay.py + snapshot.py (the same plans through the services, time frozen at each
            action; test_generator.py compares the two databases)

The command is `manage.py generate_dossiers`; `run.Generator` is the API.
"""
