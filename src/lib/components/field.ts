/** The ids that tie a field's hint and error to its input (aria-describedby), shared by the form kit. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
	return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}
