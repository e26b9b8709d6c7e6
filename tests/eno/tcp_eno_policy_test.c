/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * ATF-C tests of the ENABLED = -1 decision (tcp_eno_policy_attempt();
 * API.md section 4, draft-ietf-tcpinc-api 2.2): which rule decides, for
 * active and passive opens, asserted by its reason code.
 */

#include <atf-c.h>
#include <string.h>

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_policy.h"

/* libatf-c keeps its test-case list until exit; that is not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);
const char *
__lsan_default_suppressions(void)
{
	return ("leak:libatf-c.so\n");
}
const char *
__lsan_default_options(void)
{
	return ("print_suppressions=0");
}

static const uint8_t teps[] = { 0x21, 0x23 };

/* Attempt or not, and the reason, for one set of inputs. */
static void
check(const struct tcp_eno_sysconf *sys, int enabled, bool passive,
    uint16_t port, size_t nteps, enum tcp_eno_reason want)
{
	const struct tcp_eno_policy_in in = {
		.enabled = enabled,
		.passive = passive,
		.port = port,
		.teps = teps,
		.nteps = nteps,
	};
	enum tcp_eno_reason why;
	bool attempt;

	why = TCP_ENO_R_COUNT;
	attempt = tcp_eno_policy_attempt(sys, &in, &why);
	ATF_REQUIRE_MSG(why == want && attempt == (want == TCP_ENO_R_NONE),
	    "enabled %d %s port %u nteps %zu: attempt %d, %s; want %s",
	    enabled, passive ? "passive" : "active", port, nteps, attempt,
	    tcp_eno_reason_name(why), tcp_eno_reason_name(want));
	if (want != TCP_ENO_R_NONE) {
		ATF_REQUIRE_EQ(tcp_eno_reason_errclass(why), TCP_ENO_EC_NONE);
		ATF_REQUIRE_EQ(tcp_eno_reason_action(why),
		    TCP_ENO_ACT_FALLBACK);
	}
}

static void
set(struct tcp_eno_sysconf *sys, enum tcp_eno_sysctl k, const char *s)
{
	ATF_REQUIRE_EQ(tcp_eno_sysctl_set_str(sys, k, s, strlen(s)),
	    TCP_ENO_R_NONE);
}

ATF_TC(policy_defaults_attempt);
ATF_TC_HEAD(policy_defaults_attempt, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "default sysctls: both roles attempt ENO on any port");
}
ATF_TC_BODY(policy_defaults_attempt, tc)
{
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_init(&sys, NULL);
	check(&sys, -1, false, 443, 2, TCP_ENO_R_NONE);
	check(&sys, -1, true, 80, 2, TCP_ENO_R_NONE);
	check(&sys, 1, false, 1, 1, TCP_ENO_R_NONE);
	/* No out parameter is fine. */
	{
		const struct tcp_eno_policy_in in = { -1, false, false, 1,
		    teps, 2 };

		ATF_REQUIRE(tcp_eno_policy_attempt(&sys, &in, NULL));
	}
}

ATF_TC(policy_enabled_zero);
ATF_TC_HEAD(policy_enabled_zero, tc)
{
	atf_tc_set_md_var(tc, "descr", "ENABLED = 0 never attempts ENO");
}
ATF_TC_BODY(policy_enabled_zero, tc)
{
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_init(&sys, NULL);
	check(&sys, 0, false, 80, 2, TCP_ENO_R_POLICY_SOCKET_OFF);
	check(&sys, 0, true, 80, 2, TCP_ENO_R_POLICY_SOCKET_OFF);
	check(&sys, 0, false, 80, 0, TCP_ENO_R_POLICY_SOCKET_OFF);
}

ATF_TC(policy_empty_teps);
ATF_TC_HEAD(policy_empty_teps, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "an empty effective TEP list disables ENO, even with ENABLED = 1");
}
ATF_TC_BODY(policy_empty_teps, tc)
{
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_init(&sys, NULL);
	check(&sys, -1, false, 80, 0, TCP_ENO_R_POLICY_NO_TEPS);
	check(&sys, -1, true, 80, 0, TCP_ENO_R_POLICY_NO_TEPS);
	check(&sys, 1, false, 80, 0, TCP_ENO_R_POLICY_NO_TEPS);
	check(&sys, 1, true, 80, 0, TCP_ENO_R_POLICY_NO_TEPS);
}

ATF_TC(policy_enable_knobs_per_role);
ATF_TC_HEAD(policy_enable_knobs_per_role, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "enable_connect steers active opens only, enable_listen passive");
}
ATF_TC_BODY(policy_enable_knobs_per_role, tc)
{
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_init(&sys, NULL);
	ATF_REQUIRE_EQ(tcp_eno_sysctl_set_int(&sys,
	    TCP_ENO_SYSCTL_ENABLE_CONNECT, 0), TCP_ENO_R_NONE);
	check(&sys, -1, false, 80, 2, TCP_ENO_R_POLICY_CONNECT_OFF);
	check(&sys, -1, true, 80, 2, TCP_ENO_R_NONE);
	check(&sys, 1, false, 80, 2, TCP_ENO_R_NONE);
	tcp_eno_sysconf_init(&sys, NULL);
	ATF_REQUIRE_EQ(tcp_eno_sysctl_set_int(&sys,
	    TCP_ENO_SYSCTL_ENABLE_LISTEN, 0), TCP_ENO_R_NONE);
	check(&sys, -1, true, 80, 2, TCP_ENO_R_POLICY_LISTEN_OFF);
	check(&sys, -1, false, 80, 2, TCP_ENO_R_NONE);
	check(&sys, 1, true, 80, 2, TCP_ENO_R_NONE);
}

ATF_TC(policy_bad_ports_per_role);
ATF_TC_HEAD(policy_bad_ports_per_role, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "bad_connect_ports match remote ports of active opens only, "
	    "bad_listen_ports local ports of passive opens only");
}
ATF_TC_BODY(policy_bad_ports_per_role, tc)
{
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_init(&sys, NULL);
	set(&sys, TCP_ENO_SYSCTL_BAD_CONNECT_PORTS, "443,993");
	check(&sys, -1, false, 443, 2, TCP_ENO_R_POLICY_BAD_CONNECT_PORT);
	check(&sys, -1, false, 993, 2, TCP_ENO_R_POLICY_BAD_CONNECT_PORT);
	check(&sys, -1, false, 444, 2, TCP_ENO_R_NONE);
	check(&sys, -1, true, 443, 2, TCP_ENO_R_NONE);
	check(&sys, 1, false, 443, 2, TCP_ENO_R_NONE);
	set(&sys, TCP_ENO_SYSCTL_BAD_LISTEN_PORTS, "443");
	check(&sys, -1, true, 443, 2, TCP_ENO_R_POLICY_BAD_LISTEN_PORT);
	check(&sys, -1, true, 993, 2, TCP_ENO_R_NONE);
	check(&sys, 1, true, 443, 2, TCP_ENO_R_NONE);
	/* enable_* is checked before the port list. */
	ATF_REQUIRE_EQ(tcp_eno_sysctl_set_int(&sys,
	    TCP_ENO_SYSCTL_ENABLE_LISTEN, 0), TCP_ENO_R_NONE);
	check(&sys, -1, true, 443, 2, TCP_ENO_R_POLICY_LISTEN_OFF);
	set(&sys, TCP_ENO_SYSCTL_BAD_CONNECT_PORTS, "65535");
	check(&sys, -1, false, 65535, 2, TCP_ENO_R_POLICY_BAD_CONNECT_PORT);
	check(&sys, -1, false, 443, 2, TCP_ENO_R_NONE);
}

ATF_TC(policy_raw_mode);
ATF_TC_HEAD(policy_raw_mode, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "raw mode attempts ENO whatever ENABLED and the sysctls say");
}
ATF_TC_BODY(policy_raw_mode, tc)
{
	struct tcp_eno_sysconf sys;
	struct tcp_eno_policy_in in = { 0, false, true, 443, NULL, 0 };
	enum tcp_eno_reason why;

	tcp_eno_sysconf_init(&sys, NULL);
	ATF_REQUIRE_EQ(tcp_eno_sysctl_set_int(&sys,
	    TCP_ENO_SYSCTL_ENABLE_CONNECT, 0), TCP_ENO_R_NONE);
	set(&sys, TCP_ENO_SYSCTL_BAD_CONNECT_PORTS, "443");
	ATF_REQUIRE(tcp_eno_policy_attempt(&sys, &in, &why));
	ATF_REQUIRE_EQ(why, TCP_ENO_R_NONE);
	in.enabled = -1;
	in.passive = true;
	ATF_REQUIRE(tcp_eno_policy_attempt(&sys, &in, &why));
	in.raw = false;
	ATF_REQUIRE(!tcp_eno_policy_attempt(&sys, &in, &why));
	ATF_REQUIRE_EQ(why, TCP_ENO_R_POLICY_NO_TEPS);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, policy_defaults_attempt);
	ATF_TP_ADD_TC(tp, policy_enabled_zero);
	ATF_TP_ADD_TC(tp, policy_empty_teps);
	ATF_TP_ADD_TC(tp, policy_enable_knobs_per_role);
	ATF_TP_ADD_TC(tp, policy_bad_ports_per_role);
	ATF_TP_ADD_TC(tp, policy_raw_mode);
	return (atf_no_error());
}
