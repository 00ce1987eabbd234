/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The addresses a customer on the local network can reach this computer at: a host
 * listening on every interface (0.0.0.0) must show one of these, not "0.0.0.0". */
#define _DEFAULT_SOURCE 1 /* IFF_UP, IFF_LOOPBACK */
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "gp-cobrowse-private.h"

GStrv
gp_cobrowse_local_addresses (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  struct ifaddrs *list = NULL;

  if (getifaddrs (&list) == 0)
    {
      for (struct ifaddrs *i = list; i != NULL; i = i->ifa_next)
        {
          g_autoptr(GInetAddress) address = NULL;
          g_autofree char *text = NULL;

          /* IPv4 only: the host listens on 0.0.0.0, and a customer reads out four numbers
           * more easily than an IPv6 address. */
          if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
              (i->ifa_flags & IFF_UP) == 0 || (i->ifa_flags & IFF_LOOPBACK) != 0)
            continue;
          address = g_inet_address_new_from_bytes ((const guint8 *) &((struct sockaddr_in *) i->ifa_addr)->sin_addr,
                                                   G_SOCKET_FAMILY_IPV4);
          if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_link_local (address))
            continue;
          text = g_inet_address_to_string (address);
          g_strv_builder_add (builder, text);
        }
      freeifaddrs (list);
    }
  return g_strv_builder_end (builder);
}
