"""The mentor's Cohort view: the learners of their cohorts at a glance, and one learner's plan
and progress opened read-only."""
