export async function runAnalysis(event: unknown): Promise<unknown> { return event; }
