export async function onPrEvent(event: unknown): Promise<unknown> { return event; }
