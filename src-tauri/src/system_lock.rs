//! Locks the workbench when the system locks the screen or goes to sleep.
//!
//! Linux only, through D-Bus (zbus, already in the build through the opener plugin): the
//! session bus's screen savers (`org.freedesktop.ScreenSaver`, GNOME, MATE and Cinnamon's) say
//! `ActiveChanged(true)` when the screen locks; on the system bus, logind says `Lock` to our
//! session and `PrepareForSleep(true)` before a suspend. Where neither bus answers (no desktop
//! session, a minimal window manager, another system) nothing is watched and the idle lock is
//! the only one; the log says so.
//!
//! On a signal the window is first asked ([`LOCK_REQUESTED_EVENT`]) so that it can save the edit
//! in hand and lock itself; whatever it does, the backend locks [`GRACE`] later and tells the
//! window with [`LOCKED_EVENT`].

use ssa_api::security::LockReason;
use ssa_api::Session;
use tauri::{AppHandle, Emitter, Manager};

/// Sent to the window when the system asks for a lock: save what is typed, then lock.
pub const LOCK_REQUESTED_EVENT: &str = "workbench-lock-requested";
/// Sent to the window when the backend locked the workbench on its own.
pub const LOCKED_EVENT: &str = "workbench-locked";
/// How long the window has to save and lock itself before the backend locks anyway.
const GRACE: std::time::Duration = std::time::Duration::from_millis(2000);

/// Asks the window to lock, then locks the session (when it is encrypted) after [`GRACE`],
/// unless the window locked it in the meantime: a person who unlocks straight away must not be
/// locked out a second time by the same signal.
pub fn lock(app: &AppHandle, reason: LockReason) {
    let _ = app.emit(LOCK_REQUESTED_EVENT, reason);
    let session = app.state::<Session>();
    let deadline = std::time::Instant::now() + GRACE;
    while std::time::Instant::now() < deadline {
        if matches!(session.startup(), ssa_api::dto::StartupDto::Locked { .. }) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    if matches!(
        session.startup(),
        ssa_api::dto::StartupDto::Ready {
            encrypted: true,
            ..
        }
    ) && session.lock_now(reason).is_ok()
    {
        let _ = app.emit(LOCKED_EVENT, reason);
    }
}

/// Starts the watchers (a thread per bus); returns at once.
pub fn watch(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    {
        let session_app = app.clone();
        let _ = std::thread::Builder::new()
            .name("screen-lock-watch".into())
            .spawn(move || {
                if let Err(error) = linux::watch_screen_savers(&session_app) {
                    tracing::info!(%error, "no screen-saver signals on the session bus; the idle lock still works");
                }
            });
        let system_app = app.clone();
        let _ = std::thread::Builder::new()
            .name("login-lock-watch".into())
            .spawn(move || {
                if let Err(error) = linux::watch_logind(&system_app) {
                    tracing::info!(%error, "no logind signals on the system bus; the idle lock still works");
                }
            });
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = app;
        tracing::info!(
            "the system's lock signal is not watched on this platform; the idle lock still works"
        );
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use super::{lock, LockReason};
    use tauri::AppHandle;
    use zbus::blocking::{Connection, MessageIterator};
    use zbus::message::Type;
    use zbus::MatchRule;

    const SCREEN_SAVERS: [&str; 4] = [
        "org.freedesktop.ScreenSaver",
        "org.gnome.ScreenSaver",
        "org.mate.ScreenSaver",
        "org.cinnamon.ScreenSaver",
    ];

    pub fn watch_screen_savers(app: &AppHandle) -> zbus::Result<()> {
        let conn = Connection::session()?;
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .member("ActiveChanged")?
            .build();
        tracing::info!("watching the screen savers' lock signal");
        for message in MessageIterator::for_match_rule(rule, &conn, None)? {
            let message = message?;
            let header = message.header();
            let from_a_screen_saver = header
                .interface()
                .is_some_and(|i| SCREEN_SAVERS.contains(&i.as_str()));
            if from_a_screen_saver && message.body().deserialize::<bool>().unwrap_or(false) {
                lock(app, LockReason::System);
            }
        }
        Ok(())
    }

    pub fn watch_logind(app: &AppHandle) -> zbus::Result<()> {
        let conn = Connection::system()?;
        // Our own session's object, so that another user's lock does not lock us.
        let own_session: Option<zbus::zvariant::OwnedObjectPath> = conn
            .call_method(
                Some("org.freedesktop.login1"),
                "/org/freedesktop/login1",
                Some("org.freedesktop.login1.Manager"),
                "GetSessionByPID",
                &(std::process::id()),
            )
            .and_then(|reply| reply.body().deserialize())
            .ok();
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .sender("org.freedesktop.login1")?
            .build();
        tracing::info!(session = ?own_session, "watching logind's lock and sleep signals");
        for message in MessageIterator::for_match_rule(rule, &conn, None)? {
            let message = message?;
            let header = message.header();
            let member = header.member().map(|m| m.as_str().to_string());
            match member.as_deref() {
                Some("Lock") => {
                    let ours = match (&own_session, header.path()) {
                        (Some(own), Some(path)) => own.as_str() == path.as_str(),
                        _ => false,
                    };
                    if ours {
                        lock(app, LockReason::System);
                    }
                }
                Some("PrepareForSleep")
                    if message.body().deserialize::<bool>().unwrap_or(false) =>
                {
                    lock(app, LockReason::System);
                }
                _ => {}
            }
        }
        Ok(())
    }
}
