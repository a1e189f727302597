"""SaferPlan: plans, returns, indicators and assessments for Community Safety Partnerships."""
