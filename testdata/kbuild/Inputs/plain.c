/* no tracing here */
int plain(int a)
{
	return a + 1;
}
