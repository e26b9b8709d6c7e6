#
# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# Redistribution and use in source and binary forms, with or without
# modification, are permitted provided that the following conditions
# are met:
# 1. Redistributions of source code must retain the above copyright
#    notice, this list of conditions and the following disclaimer.
# 2. Redistributions in binary form must reproduce the above copyright
#    notice, this list of conditions and the following disclaimer in the
#    documentation and/or other materials provided with the distribution.
#
# THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
# ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
# IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
# ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
# FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
# DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
# OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
# HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
# LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
# OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
# SUCH DAMAGE.
#
# The net.inet.tcp.eno.* sysctls of API.md 4: defaults, canonical read form,
# validation (a bad write fails and changes nothing), and that each vnet
# jail has its own values (CTLFLAG_VNET).  Every change happens inside a
# vnet jail so the host keeps its settings.

# shellcheck source=/dev/null
. "$(atf_get_srcdir)/../../common/vnet.subr"

eno_init()
{
	vnet_init
	if ! sysctl -q net.inet.tcp.eno.teps >/dev/null 2>&1; then
		atf_skip "kernel without options TCP_ENO"
	fi
	vnet_mkjail enosys
}

# check_knob NAME DEFAULT GOOD CANONICAL BAD...
check_knob()
{
	name=$1 default=$2 good=$3 canonical=$4
	shift 4
	atf_check -o "inline:${default}\n" jexec enosys sysctl -n "$name"
	atf_check -o ignore jexec enosys sysctl "$name=$good"
	atf_check -o "inline:${canonical}\n" jexec enosys sysctl -n "$name"
	for bad in "$@"; do
		atf_check -s not-exit:0 -o ignore -e ignore \
		    jexec enosys sysctl "$name=$bad"
		atf_check -o "inline:${canonical}\n" jexec enosys sysctl -n "$name"
	done
	# The host's value is untouched (per-VNET storage).
	atf_check -o "inline:${default}\n" sysctl -n "$name"
}

atf_test_case "sysctl_teps" "cleanup"
sysctl_teps_head()
{
	atf_set descr "net.inet.tcp.eno.teps: default, canonical form, bad values"
	atf_set require.user root
}
sysctl_teps_body()
{
	eno_init
	check_knob net.inet.tcp.eno.teps "0x21,0x23" "0x23" "0x23" \
	    "0x1f" "0x85" "0x7e" "0x21,,0x23" "21" "0x21 0x23"
}
sysctl_teps_cleanup()
{
	vnet_cleanup
}

atf_test_case "sysctl_enable" "cleanup"
sysctl_enable_head()
{
	atf_set descr "net.inet.tcp.eno.enable_connect and enable_listen: 0 or 1"
	atf_set require.user root
}
sysctl_enable_body()
{
	eno_init
	check_knob net.inet.tcp.eno.enable_connect 1 0 0 2 -1
	check_knob net.inet.tcp.eno.enable_listen 1 0 0 2 -1
}
sysctl_enable_cleanup()
{
	vnet_cleanup
}

atf_test_case "sysctl_ports" "cleanup"
sysctl_ports_head()
{
	atf_set descr "net.inet.tcp.eno.bad_*_ports: decimal lists, 1-65535"
	atf_set require.user root
}
sysctl_ports_body()
{
	eno_init
	check_knob net.inet.tcp.eno.bad_connect_ports "" "25,443" "25,443" \
	    "0" "65536" "25,,443" "x"
	check_knob net.inet.tcp.eno.bad_listen_ports "" "22" "22" \
	    "0" "65536" "-1"
}
sysctl_ports_cleanup()
{
	vnet_cleanup
}

atf_test_case "sysctl_crypt_conf" "cleanup"
sysctl_crypt_conf_head()
{
	atf_set descr "net.inet.tcp.eno.crypt_aconf and crypt_bconf: AEAD lists"
	atf_set require.user root
}
sysctl_crypt_conf_body()
{
	eno_init
	check_knob net.inet.tcp.eno.crypt_aconf "0x0001,0x0002,0x0010" \
	    "0x0010" "0x0010" "0x0003" "0x10" "" "0x0001,0x0001"
	check_knob net.inet.tcp.eno.crypt_bconf "0x0010,0x0002,0x0001" \
	    "0x0002,0x0001" "0x0002,0x0001" "0x0000" "0x00010"
}
sysctl_crypt_conf_cleanup()
{
	vnet_cleanup
}

atf_test_case "sysctl_stats"
sysctl_stats_head()
{
	atf_set descr "net.inet.tcp.eno.stats, reasons, crypt_reasons are readable"
}
sysctl_stats_body()
{
	if ! sysctl -q net.inet.tcp.eno.teps >/dev/null 2>&1; then
		atf_skip "kernel without options TCP_ENO"
	fi
	# struct tcp_eno_stat: 19 uint64_t counters.
	atf_check -o "inline:152\n" sh -c \
	    'sysctl -b net.inet.tcp.eno.stats | wc -c | tr -d " "'
	atf_check -o not-inline:"0\n" sh -c \
	    'sysctl -b net.inet.tcp.eno.reasons | wc -c | tr -d " "'
	atf_check -o not-inline:"0\n" sh -c \
	    'sysctl -b net.inet.tcp.eno.crypt_reasons | wc -c | tr -d " "'
}

atf_init_test_cases()
{
	atf_add_test_case "sysctl_teps"
	atf_add_test_case "sysctl_enable"
	atf_add_test_case "sysctl_ports"
	atf_add_test_case "sysctl_crypt_conf"
	atf_add_test_case "sysctl_stats"
}
