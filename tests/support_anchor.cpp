// Keeps playclock_test_support a valid static library whatever support/ holds.
namespace playclock::test {
int support_anchor = 0;
} // namespace playclock::test
