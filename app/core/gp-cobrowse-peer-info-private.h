/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-cobrowse-peer-info.h>

G_BEGIN_DECLS

GpCobrowsePeerInfo *gp_cobrowse_peer_info_new           (GpCobrowseRole      role,
                                                         const char         *name,
                                                         const char         *address);
void                gp_cobrowse_peer_info_set_admitted  (GpCobrowsePeerInfo *self,
                                                         gboolean            admitted);
void                gp_cobrowse_peer_info_set_connected (GpCobrowsePeerInfo *self,
                                                         gboolean            connected);

/* Joined with the classroom code (set once, at admission). */
void                gp_cobrowse_peer_info_set_trainee   (GpCobrowsePeerInfo *self);
void                gp_cobrowse_peer_info_set_driving   (GpCobrowsePeerInfo *self,
                                                         gboolean            driving);

G_END_DECLS
