// No utrace API at all: skipped by the relevance filter.
int unrelated_add(int a, int b)
{
	return a + b;
}
