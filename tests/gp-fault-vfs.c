/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <sqlite3.h>

#include "gp-fault-vfs.h"

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;   /* lives right after this struct */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static int write_rc;
static guint writes_left;
static gboolean refuse_writable;
static gboolean refuse_create;
static gboolean refused;
static guint n_injected;

static gboolean
inject (void)
{
  if (write_rc == 0)
    return FALSE;
  if (writes_left > 0)
    {
      writes_left--;
      return FALSE;
    }
  n_injected++;
  return TRUE;
}

static int
fault_close (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;
  int rc = self->real->pMethods->xClose (self->real);

  self->real->pMethods = NULL;
  return rc;
}

static int
fault_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xRead (self->real, buffer, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  FaultFile *self = (FaultFile *) file;

  if (inject ())
    return write_rc;
  return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xTruncate (self->real, size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  FaultFile *self = (FaultFile *) file;

  /* A full disk fails the write, not the sync; a broken disk may fail either. */
  if ((write_rc & 0xff) == SQLITE_IOERR && inject ())
    return SQLITE_IOERR_FSYNC;
  return self->real->pMethods->xSync (self->real, flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xFileSize (self->real, size);
}

static int
fault_lock (sqlite3_file *file, int level)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xLock (self->real, level);
}

static int
fault_unlock (sqlite3_file *file, int level)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xUnlock (self->real, level);
}

static int
fault_check_reserved_lock (sqlite3_file *file, int *out)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xCheckReservedLock (self->real, out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xSectorSize (self->real);
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
fault_shm_map (sqlite3_file *file, int page, int page_size, int extend, void volatile **out)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xShmMap (self->real, page, page_size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  FaultFile *self = (FaultFile *) file;
  self->real->pMethods->xShmBarrier (self->real);
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xFetch (self->real, offset, amount, out);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  FaultFile *self = (FaultFile *) file;
  return self->real->pMethods->xUnfetch (self->real, offset, page);
}

static const sqlite3_io_methods fault_io_methods = {
  3,
  fault_close,
  fault_read,
  fault_write,
  fault_truncate,
  fault_sync,
  fault_file_size,
  fault_lock,
  fault_unlock,
  fault_check_reserved_lock,
  fault_file_control,
  fault_sector_size,
  fault_device_characteristics,
  fault_shm_map,
  fault_shm_lock,
  fault_shm_barrier,
  fault_shm_unmap,
  fault_fetch,
  fault_unfetch,
};

static int
fault_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *self = (FaultFile *) file;
  int rc;

  self->real = (sqlite3_file *) (self + 1);
  self->base.pMethods = NULL;

  /* A read-only folder: files that do not exist yet cannot be created. */
  if (refuse_create && (flags & SQLITE_OPEN_CREATE) && name != NULL)
    {
      int exists = 0;

      if (real_vfs->xAccess (real_vfs, name, SQLITE_ACCESS_EXISTS, &exists) == SQLITE_OK && !exists)
        {
          n_injected++;
          refused = TRUE;
          return SQLITE_CANTOPEN;
        }
    }

  /* What the unix VFS does when open(O_RDWR) gets EACCES: retry read-only. */
  if (refuse_writable && (flags & SQLITE_OPEN_READWRITE))
    {
      n_injected++;
      flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }

  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  if (self->real->pMethods != NULL)
    self->base.pMethods = &fault_io_methods;
  return rc;
}

static int
fault_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
fault_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
fault_full_pathname (sqlite3_vfs *vfs, const char *name, int n_out, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n_out, out);
}

static void *
fault_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
fault_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*fault_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
fault_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
fault_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
fault_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
fault_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
fault_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  if (refused)
    {
      refused = FALSE;
      return EACCES;
    }
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
fault_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

void
gp_fault_vfs_install (void)
{
  if (real_vfs != NULL)
    return;

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  g_assert_cmpint (real_vfs->iVersion, >=, 2);

  fault_vfs.iVersion = 2;
  fault_vfs.szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.mxPathname = real_vfs->mxPathname;
  fault_vfs.zName = "gp-fault";
  fault_vfs.xOpen = fault_open;
  fault_vfs.xDelete = fault_delete;
  fault_vfs.xAccess = fault_access;
  fault_vfs.xFullPathname = fault_full_pathname;
  fault_vfs.xDlOpen = fault_dl_open;
  fault_vfs.xDlError = fault_dl_error;
  fault_vfs.xDlSym = fault_dl_sym;
  fault_vfs.xDlClose = fault_dl_close;
  fault_vfs.xRandomness = fault_randomness;
  fault_vfs.xSleep = fault_sleep;
  fault_vfs.xCurrentTime = fault_current_time;
  fault_vfs.xGetLastError = fault_get_last_error;
  fault_vfs.xCurrentTimeInt64 = fault_current_time_int64;

  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

void
gp_fault_vfs_fail_writes (int   sqlite_rc,
                          guint after_n)
{
  write_rc = sqlite_rc;
  writes_left = after_n;
}

void
gp_fault_vfs_refuse_writable (gboolean refuse)
{
  refuse_writable = refuse;
}

void
gp_fault_vfs_refuse_create (gboolean refuse)
{
  refuse_create = refuse;
}

void
gp_fault_vfs_clear (void)
{
  write_rc = 0;
  writes_left = 0;
  refuse_writable = FALSE;
  refuse_create = FALSE;
  refused = FALSE;
  n_injected = 0;
}

guint
gp_fault_vfs_get_n_injected (void)
{
  return n_injected;
}
