export interface Field {
  name: string;
  type: 'string' | 'number' | 'boolean';
  optional: boolean;
}

/** One line of the schema docs: "email: string". */
export function describeField(field: Field): string {
  return `${field.name}: ${field.type}`;
}

/** The field as a JSON text for the API docs. */
export function fieldJson(field: Field): string {
  return JSON.stringify({ name: field.name, type: field.type });
}
