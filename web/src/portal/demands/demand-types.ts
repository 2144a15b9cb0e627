/** Shapes of the portal's demand routes (src/modules/demands/demands.routes.ts, the resident's view). */
export type TimeLimit = { unit: 'natural_hours' | 'working_days'; amount: number };
export type Category = { code: string; parent: string | null; name: string; respond: TimeLimit; finish: TimeLimit };
export type SubmitResult = { id: string; status: string; respondBy: string; finishBy: string | null; similarInHand: boolean; photoIds: string[] };
export type HistoryEntry = { seq: number; kind: string; kindName: string; at: string; actorName: string | null; reason: string | null; text: string };
export type DemandStatus = 'received' | 'routed' | 'accepted' | 'suspended' | 'done' | 'closed' | 'merged';
export type MyDemand = {
  id: string;
  title: string;
  categoryName: string;
  status: DemandStatus;
  statusName: string;
  finishBy: string | null;
  overdue: boolean;
  rating: string | null;
  createdAt: string;
  description: string;
  history: HistoryEntry[];
};
/** `actions`: what the resident may do now (the server decides: 'rate', 'reopen'). */
export type MyDemandDetail = MyDemand & { photos: { id: string; name?: string }[]; levelName: string | null; leadBodyName: string | null; actions: string[] };
export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';
