// The labels of the traffic metrics the simulator serves: which cluster, and which principal.

export const KAFKA_ID = 'resource.kafka.id';
export const PRINCIPAL_ID = 'metric.principal_id';

export const LABELS = [KAFKA_ID, PRINCIPAL_ID] as const;
export type Label = (typeof LABELS)[number];
export type Labels = Readonly<Record<Label, string>>;

export function isLabel(name: unknown): name is Label {
  return (LABELS as readonly unknown[]).includes(name);
}
