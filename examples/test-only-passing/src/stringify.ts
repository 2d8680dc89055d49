function quote(field: string, delimiter: string): string {
  return /["\r\n]/.test(field) || field.includes(delimiter) ? `"${field.replaceAll('"', '""')}"` : field;
}

export function stringifyCsv(rows: string[][], delimiter = ','): string {
  return rows.map((row) => row.map((field) => quote(field, delimiter)).join(delimiter)).join('\n');
}
