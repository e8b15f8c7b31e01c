/** Data protection (docs/DATA-PROTECTION.md): how an access report is delivered. */
export const ACCESS_REPORT_FORMATS = ['json', 'pdf'] as const;
export type AccessReportFormat = (typeof ACCESS_REPORT_FORMATS)[number];
