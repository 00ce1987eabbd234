/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

#define GP_TYPE_JOIN_PAGE (gp_join_page_get_type ())

G_DECLARE_FINAL_TYPE (GpJoinPage, gp_join_page, GP, JOIN_PAGE, AdwBin)

/* The customer's side of co-browsing: address, code and name, then "Waiting for the
 * agent to let you in…" until the host admits (::joined (GpCobrowsePeer *peer), with
 * the peer's mirror session ready) or refuses (the form again, saying why). */
GtkWidget      *gp_join_page_new         (void);
/* Fills the form, e.g. from a link; the "join.join" action joins with what it holds. */
void            gp_join_page_set_details (GpJoinPage *self,
                                          const char *address,
                                          const char *code,
                                          const char *name);
/* Comes back into a session with @peer, made from the place kept when Guidepost stopped
 * (gp_cobrowse_peer_new_from_state_file()); "joined" once the host took it back. */
void            gp_join_page_resume      (GpJoinPage     *self,
                                          GpCobrowsePeer *peer);
/* Joins a classroom as a trainee (an observer the trainer may hand the driving to)
 * instead of as the customer. */
void            gp_join_page_set_trainee (GpJoinPage *self,
                                          gboolean    trainee);
/* Returns: (transfer none) (nullable): the peer while joining */
GpCobrowsePeer *gp_join_page_get_peer    (GpJoinPage *self);

G_END_DECLS
