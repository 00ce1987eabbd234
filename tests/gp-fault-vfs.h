/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An SQLite VFS for tests: wraps the default VFS and, when told, fails writes (as a full
 * disk or a broken one would) or opens files read-only (as a read-only file or folder
 * would).  Registered as the default VFS, so the code under test needs no hooks. */

void  gp_fault_vfs_install          (void);
/* Every write (and, for an I/O error, every sync) after the next @after_n writes fails
 * with @sqlite_rc (SQLITE_FULL, SQLITE_IOERR_WRITE ...); 0 clears the fault. */
void  gp_fault_vfs_fail_writes      (int   sqlite_rc,
                                     guint after_n);
void  gp_fault_vfs_refuse_writable  (gboolean refuse);
/* As in a read-only folder: files that do not exist cannot be created (errno EACCES). */
void  gp_fault_vfs_refuse_create    (gboolean refuse);
void  gp_fault_vfs_clear            (void);
/* Returns: how many operations failed because of the fault since the last clear */
guint gp_fault_vfs_get_n_injected   (void);

G_END_DECLS
