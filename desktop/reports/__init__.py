"""Official documents as PDF (ReportLab, GB/T 9704-2012 layout). No Qt here.

    from desktop.reports.build import build
    result = build("written-report", data)      # data: a desktop.reports.model dataclass
    result.pdf, result.warnings, result.pages
"""
