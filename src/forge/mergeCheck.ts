export async function checkMerge(event: unknown): Promise<unknown> { return event; }
