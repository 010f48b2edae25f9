int no_utrace_here(int a)
{
	return a + 1;
}
