// READ_ONCE/WRITE_ONCE and barriers built on the C11 builtins, as in the
// reference implementation's user-space shim.
//
// RUN: %verify %s -- %kflags
#define C11_READ_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define C11_WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

struct seq {
	long val;
	int gen;
};

void seq_publish(struct seq *s, long v)
{
	C11_WRITE_ONCE(s->val, v);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	C11_WRITE_ONCE(s->gen, 1);
}

long seq_read(struct seq *s)
{
	if (!C11_READ_ONCE(s->gen))
		return -1;
	__atomic_thread_fence(__ATOMIC_ACQUIRE); // #acq_fence
	return C11_READ_ONCE(s->val);
}

void ok_seq_publish_release_store(struct seq *s, long v)
{
	C11_WRITE_ONCE(s->val, v);
	__atomic_store_n(&s->gen, 1, __ATOMIC_RELEASE);
}

long ok_seq_read_acquire_load(struct seq *s)
{
	if (!__atomic_load_n(&s->gen, __ATOMIC_ACQUIRE))
		return -1;
	return C11_READ_ONCE(s->val);
}

void bad_seq_publish_relaxed(struct seq *s, long v)
{
	C11_WRITE_ONCE(s->val, v); // expected-warning {{write of 's->val' is not ordered before write of 's->gen': no write barrier between them (inferred pairing) [UT-BAR-001]}} expected-note {{'s->val' is written here}}
	C11_WRITE_ONCE(s->gen, 1); // expected-note {{'s->gen' is written here; insert 'smp_wmb();' before it}}
}

// expected-note@#acq_fence {{ordering inferred from smp_rmb() in 'seq_read'}}
