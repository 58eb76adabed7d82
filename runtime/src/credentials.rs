//! Access keys: given explicitly or read from the provider's usual environment variables.
//!
//! Input: an access key id and a secret, or the variable names in [`Provider`]. Output:
//! [`Credentials`], whose secret is only reachable inside this crate (for signing) and never
//! appears in `Debug` output, logs or errors.

use std::fmt;

use crate::error::Error;
use crate::provider::Provider;

/// An access key id and its secret.
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    secret: String,
}

impl Credentials {
    /// Credentials given explicitly.
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials { access_key_id: access_key_id.into(), secret: secret.into() }
    }

    /// Credentials from the provider's environment variables (`QY_ACCESS_KEY_ID` /
    /// `QY_SECRET_ACCESS_KEY`, `TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY`, ...).
    pub fn from_env(provider: &Provider) -> Result<Self, Error> {
        Self::from_lookup(provider, |name| std::env::var(name).ok())
    }

    /// Credentials from any variable lookup (the environment, a config file, a test map).
    /// An empty value counts as missing.
    pub fn from_lookup(provider: &Provider, lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let get = |var: &'static str| {
            lookup(var).filter(|v| !v.trim().is_empty()).ok_or(Error::MissingCredentials { var })
        };
        Ok(Credentials::new(get(provider.access_key_env)?, get(provider.secret_key_env)?))
    }

    /// The access key id (public: it is sent with every request).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret, for the signers only.
    pub(crate) fn secret(&self) -> &str {
        &self.secret
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::QINGCLOUD;

    #[test]
    fn debug_never_shows_the_secret() {
        let creds = Credentials::new("QYACCESSKEYIDEXAMPLE", "SECRETACCESSKEY");
        let shown = format!("{creds:?} {creds:#?}");
        assert!(shown.contains("QYACCESSKEYIDEXAMPLE"));
        assert!(!shown.contains("SECRETACCESSKEY"));
    }

    #[test]
    fn lookup_reads_the_provider_variables() {
        let creds = Credentials::from_lookup(&QINGCLOUD, |name| match name {
            "QY_ACCESS_KEY_ID" => Some("AK".into()),
            "QY_SECRET_ACCESS_KEY" => Some("SK".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(creds.access_key_id(), "AK");
        assert_eq!(creds.secret(), "SK");
    }

    #[test]
    fn each_provider_reads_its_own_variables() {
        use crate::testing::{ALIYUN, JDCLOUD, TENCENT};
        for (provider, id_var, secret_var) in [
            (&QINGCLOUD, "QY_ACCESS_KEY_ID", "QY_SECRET_ACCESS_KEY"),
            (&TENCENT, "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"),
            (&ALIYUN, "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            (&JDCLOUD, "JDCLOUD_ACCESS_KEY", "JDCLOUD_SECRET_KEY"),
        ] {
            let creds = Credentials::from_lookup(provider, |name| {
                (name == id_var || name == secret_var).then(|| format!("value of {name}"))
            })
            .unwrap();
            assert_eq!(creds.access_key_id(), format!("value of {id_var}"));
            assert_eq!(creds.secret(), format!("value of {secret_var}"));
        }
    }

    #[test]
    fn missing_or_empty_variables_are_named() {
        let err = Credentials::from_lookup(&QINGCLOUD, |name| {
            (name == "QY_ACCESS_KEY_ID").then(|| "AK".to_owned())
        })
        .unwrap_err();
        assert!(matches!(err, Error::MissingCredentials { var: "QY_SECRET_ACCESS_KEY" }));
        let err = Credentials::from_lookup(&QINGCLOUD, |_| Some("  ".into())).unwrap_err();
        assert!(err.to_string().contains("QY_ACCESS_KEY_ID"));
    }
}
