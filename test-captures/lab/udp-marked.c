/* udp-marked: sends RTP datagrams (a 12-byte header, then bytes that look
 * encrypted, as SRTP's do) from a bound port with a DSCP set on the socket
 * (IP_TOS or IPV6_TCLASS), as a Skype for Business client or server whose
 * QoS policy marks them. Used by test-captures/lab/qos-lab.sh to record
 * real kernel marking; not part of the plugin.
 *
 *   ucdiag-udp-marked SRC_ADDR SRC_PORT DST_ADDR DST_PORT DSCP COUNT
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int
parse(const char *addr, unsigned port, struct sockaddr_storage *ss, socklen_t *len)
{
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
        s4->sin_family = AF_INET;
        s4->sin_port = htons((unsigned short)port);
        *len = sizeof *s4;
        return AF_INET;
    }
    if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((unsigned short)port);
        *len = sizeof *s6;
        return AF_INET6;
    }
    return -1;
}

int
main(int argc, char **argv)
{
    struct sockaddr_storage src, dst;
    socklen_t slen, dlen;
    int af, fd, tos, count, i, pt, one = 1;
    char payload[160];
    struct timespec gap = { 0, 2000000 }; /* 2 ms: keeps the capture in send order */

    if (argc != 7 && argc != 8) {
        fprintf(stderr, "usage: %s SRC_ADDR SRC_PORT DST_ADDR DST_PORT DSCP COUNT [PAYLOAD_TYPE]\n", argv[0]);
        return 2;
    }
    /* PCMU unless told: a video stream carries a dynamic type, as SfB's H.264 does */
    pt = argc == 8 ? atoi(argv[7]) & 127 : 0;
    af = parse(argv[1], (unsigned)atoi(argv[2]), &src, &slen);
    if (af < 0 || parse(argv[3], (unsigned)atoi(argv[4]), &dst, &dlen) != af) {
        fprintf(stderr, "udp-marked: addresses must both be IPv4 or both IPv6\n");
        return 2;
    }
    tos = (atoi(argv[5]) & 63) << 2;
    count = atoi(argv[6]);
    fd = socket(af, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if ((af == AF_INET ? setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos)
                       : setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof tos)) != 0) {
        perror("setsockopt (DSCP)");
        return 1;
    }
    if (bind(fd, (struct sockaddr *)&src, slen) != 0) {
        perror("bind");
        return 1;
    }
    for (i = 0; i < count; i++) {
        /* RTP: version 2, the payload type, sequence and timestamp on, SSRC
         * from the sending port (one stream per port) */
        unsigned seq = 4000u + (unsigned)i, ssrc = 0x5ec00000u | (unsigned)atoi(argv[2]), k;
        payload[0] = (char)0x80;
        payload[1] = (char)pt;
        payload[2] = (char)(seq >> 8);
        payload[3] = (char)seq;
        for (k = 0; k < 4; k++) {
            payload[4 + k] = (char)((seq * 160u) >> (24 - 8 * k));
            payload[8 + k] = (char)(ssrc >> (24 - 8 * k));
        }
        for (k = 12; k < sizeof payload; k++)
            payload[k] = (char)(k * 131u + seq * 7u);
        if (sendto(fd, payload, sizeof payload, 0, (struct sockaddr *)&dst, dlen) < 0) {
            perror("sendto");
            return 1;
        }
        nanosleep(&gap, NULL);
    }
    close(fd);
    return 0;
}
