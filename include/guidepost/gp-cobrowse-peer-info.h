/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <guidepost/gp-cobrowse-protocol.h>

G_BEGIN_DECLS

#define GP_TYPE_COBROWSE_PEER_INFO (gp_cobrowse_peer_info_get_type ())

G_DECLARE_FINAL_TYPE (GpCobrowsePeerInfo, gp_cobrowse_peer_info, GP, COBROWSE_PEER_INFO, GObject)

/* What a host knows about one peer: shown when it knocks, listed while it is admitted.
 * Properties: role, name, address, admitted, connected (FALSE while it reconnects),
 * trainee, driving. */
GpCobrowseRole  gp_cobrowse_peer_info_get_role      (GpCobrowsePeerInfo *self);
/* The name the peer gave (at most 64 characters; never checked by anybody). */
const char     *gp_cobrowse_peer_info_get_name      (GpCobrowsePeerInfo *self);
/* Where it connected from, e.g. "127.0.0.1" (the relay's address through a relay). */
const char     *gp_cobrowse_peer_info_get_address   (GpCobrowsePeerInfo *self);
gboolean        gp_cobrowse_peer_info_get_admitted  (GpCobrowsePeerInfo *self);
gboolean        gp_cobrowse_peer_info_get_connected (GpCobrowsePeerInfo *self);
/* TRUE for a trainee: an observer who joined with the classroom code, without a knock
 * (gp_cobrowse_host_open_classroom()). */
gboolean        gp_cobrowse_peer_info_get_trainee   (GpCobrowsePeerInfo *self);
/* TRUE while the trainer has handed this trainee the driving: its requests are then
 * checked as the agent's (gp_cobrowse_host_hand_driving()). */
gboolean        gp_cobrowse_peer_info_get_driving   (GpCobrowsePeerInfo *self);

G_END_DECLS
