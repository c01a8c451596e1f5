"""Under the hub the name and the class come from the hub, never from what a student types."""

from __future__ import annotations

from toolkit.learning.identity import identify


def test_hub_user_and_hub_class_beat_the_url() -> None:
    env = {"JUPYTERHUB_USER": "s01", "VOCABSPHERE_CLASS": "7B",
           "QUERY_STRING": "name=s02&class=8A"}
    who = identify(env=env)
    assert (who.name, who.class_code, who.trusted, who.key) == ("s01", "7B", True, "7B/s01")
    assert identify("s02", "7B", env=env).key == "7B/s01"  # a typed name changes nothing


def test_without_a_hub_the_url_class_still_wins_over_the_default() -> None:
    env = {"VOCABSPHERE_CLASS": "7B", "QUERY_STRING": "name=Ana&class=8A"}
    who = identify(env=env)
    assert (who.key, who.trusted) == ("8A/ana", False)
