"""Sourcing exercises for classrooms: a student worksheet and a teacher's answer key per article.

    from attribution.exercise import questions, compare, render
    exercise = questions.build(report, level="auto")        # or compare.build(report_a, report_b)
    worksheet, key = render.worksheet(exercise), render.key(exercise)
"""
