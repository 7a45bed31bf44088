"""First start: the onboarding wizard, the learner's name and the "Which role fits me?" quiz."""
