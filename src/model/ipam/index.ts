// IP address management for the create and connect dialogs: parsing, validation and suggestions, all over ip-num.
export * from './addresses';
export * from './issues';
export * from './keyValues';
export * from './suggestions';
export * from './validation';
export * from './poolSetting';
